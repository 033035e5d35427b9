package io.aigw.it.fake;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One model's failure script of {@link ScriptedFaults}: the status and {@code Retry-After} to fail with, and how many
 * requests are left to fail ({@link #claim()} takes one atomically, so {@code n} concurrent claims of a script of
 * {@code n} all succeed and the next one fails), or {@linkplain #always always} until {@link #end() ended}.
 */
final class ScriptedFailure {

    private final int status;
    private final Duration retryAfter;
    private final AtomicInteger remaining;
    private volatile boolean ended;

    private ScriptedFailure(int status, Duration retryAfter, AtomicInteger remaining) {
        this.status = status;
        this.retryAfter = retryAfter;
        this.remaining = remaining;
    }

    /** Fails the next {@code times} requests that {@link #claim()} it. */
    static ScriptedFailure times(int times, int status, Duration retryAfter) {
        return new ScriptedFailure(status, retryAfter, new AtomicInteger(times));
    }

    /** Fails every request until {@link #end()}. */
    static ScriptedFailure always(int status, Duration retryAfter) {
        return new ScriptedFailure(status, retryAfter, null);
    }

    /** Takes one failure for the calling request; {@code false} once none is left or the script has ended. */
    boolean claim() {
        if (ended) {
            return false;
        }
        return remaining == null || remaining.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0;
    }

    /** Ends the script: no later {@link #claim()} succeeds. */
    void end() {
        ended = true;
    }

    /** The provider's error for this script's status and {@code Retry-After}. */
    RuntimeException error(ScriptedErrors errors) {
        return errors.error(status, retryAfter);
    }
}
