package io.aigw.policy.routing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What this server has seen of each target (connection and model) lately: requests in flight, a moving average of
 * the time to the first token (the whole answer's time when not streamed) over roughly the last ten requests, and
 * how long the upstream asked it to be left alone. In memory, off the database: every request reads it.
 */
@ApplicationScoped
public class TargetStats {

    /** Weight of the newest sample in the moving average. */
    static final double ALPHA = 0.2;
    /** A latency older than this is no longer trusted: the target is probed again. */
    static final long STALE_NANOS = 30_000_000_000L;

    private final Map<String, Target> targets = new ConcurrentHashMap<>();

    /** One target's figures. */
    static final class Target {
        final AtomicInteger inFlight = new AtomicInteger();
        volatile double latencyMillis = Double.NaN;
        volatile long sampledAt;
        volatile long coolUntil = Long.MIN_VALUE;
    }

    Target of(String qualified) {
        return targets.computeIfAbsent(qualified, k -> new Target());
    }

    /** An attempt on the target starts. */
    public void begin(String qualified) {
        of(qualified).inFlight.incrementAndGet();
    }

    /** An attempt ends; {@code latencyMillis} is its time to first token, or negative when it failed. */
    public void end(String qualified, double latencyMillis, long nowNanos) {
        Target t = of(qualified);
        t.inFlight.decrementAndGet();
        if (latencyMillis >= 0) {
            synchronized (t) {
                double old = t.latencyMillis;
                t.latencyMillis = Double.isNaN(old) || nowNanos - t.sampledAt > STALE_NANOS ? latencyMillis
                        : old + ALPHA * (latencyMillis - old);
                t.sampledAt = nowNanos;
            }
        }
    }

    /** Requests in flight on the target from this server. */
    public int inFlight(String qualified) {
        Target t = targets.get(qualified);
        return t == null ? 0 : t.inFlight.get();
    }

    /** The target's recent latency in milliseconds, or {@code NaN} when it has none or it is stale. */
    public double latencyMillis(String qualified, long nowNanos) {
        Target t = targets.get(qualified);
        return t == null || nowNanos - t.sampledAt > STALE_NANOS ? Double.NaN : t.latencyMillis;
    }

    /** The upstream asked (with a {@code Retry-After} longer than the route waits) to leave the target alone. */
    public void coolDown(String qualified, long untilNanos) {
        Target t = of(qualified);
        t.coolUntil = Math.max(t.coolUntil, untilNanos);
    }

    /** Nanoseconds the target is still left alone for (0 when it is not). */
    public long coolingFor(String qualified, long nowNanos) {
        Target t = targets.get(qualified);
        return t == null || t.coolUntil == Long.MIN_VALUE ? 0 : Math.max(0, t.coolUntil - nowNanos);
    }
}
