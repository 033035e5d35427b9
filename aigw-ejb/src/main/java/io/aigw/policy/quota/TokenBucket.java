package io.aigw.policy.quota;

/**
 * A token bucket refilled continuously at {@code capacity} tokens a minute, holding at most {@code capacity} (the
 * burst). It may go below zero when a request's real usage exceeds what it reserved: later requests then wait for the
 * debt to be repaid. Times are monotonic nanoseconds from the caller's clock.
 */
public final class TokenBucket {

    private static final double NANOS_PER_MINUTE = 60_000_000_000d;

    private final long capacity;
    private final double perNano;
    private double tokens;
    private long updated;

    public TokenBucket(long capacity, long now) {
        this.capacity = capacity;
        this.perNano = capacity / NANOS_PER_MINUTE;
        this.tokens = capacity;
        this.updated = now;
    }

    public long capacity() {
        return capacity;
    }

    /** Takes {@code n} tokens if that many are there. */
    public synchronized boolean tryTake(long n, long now) {
        refill(now);
        if (tokens >= n) {
            tokens -= n;
            return true;
        }
        return false;
    }

    /** Whether {@code n} tokens are there, taking none. */
    public synchronized boolean has(long n, long now) {
        refill(now);
        return tokens >= n;
    }

    /** Gives back ({@code delta > 0}) or takes more ({@code delta < 0}, possibly into debt). */
    public synchronized void adjust(long delta, long now) {
        refill(now);
        tokens = Math.min(capacity, tokens + delta);
    }

    /** Whole tokens there now (never negative). */
    public synchronized long remaining(long now) {
        refill(now);
        return Math.max(0, (long) Math.floor(tokens));
    }

    /** Nanoseconds until {@code n} tokens are there (0 if they are; {@code n} is capped at the capacity). */
    public synchronized long nanosUntil(long n, long now) {
        refill(now);
        double missing = Math.min(n, capacity) - tokens;
        return missing <= 0 ? 0 : (long) Math.ceil(missing / perNano);
    }

    /** Nanoseconds until the bucket is full again. */
    public long nanosUntilFull(long now) {
        return nanosUntil(capacity, now);
    }

    private void refill(long now) {
        long elapsed = now - updated;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * perNano);
            updated = now;
        }
    }
}
