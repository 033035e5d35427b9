package io.aigw.it.fake;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One model's delay script of {@link ScriptedFaults}: each request sleeps its length before the fake answers, or
 * less when the script is {@linkplain #end() ended} meanwhile (replaced, recovered, cleared, or the server stopped).
 */
final class ScriptedDelay {

    private final Duration length;
    private final CountDownLatch ended = new CountDownLatch(1);

    ScriptedDelay(Duration length) {
        this.length = length;
    }

    /** Sleeps the length of the delay or until {@link #end()}; an interrupt (the pool shutting down) ends it. */
    void sleep() {
        try {
            ended.await(length.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Wakes every request sleeping on this delay; later {@link #sleep()}s return at once. Idempotent. */
    void end() {
        ended.countDown();
    }
}
