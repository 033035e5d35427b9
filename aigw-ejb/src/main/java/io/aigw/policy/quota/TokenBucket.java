package io.aigw.policy.quota;

/**
 * A token bucket in this server's memory, refilled continuously at {@code capacity} tokens a minute, holding at most
 * {@code capacity} (the burst). It may go below zero when a request's real usage exceeds what it reserved: later
 * requests then wait for the debt to be repaid. Times are monotonic nanoseconds from the caller's clock.
 */
public final class TokenBucket implements RateCounter {

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

    @Override
    public long capacity() {
        return capacity;
    }

    /** Takes {@code n} tokens if that many are there. */
    @Override
    public synchronized boolean tryTake(long n, long now) {
        refill(now);
        if (tokens >= n) {
            tokens -= n;
            return true;
        }
        return false;
    }

    /** Gives back ({@code delta > 0}) or takes more ({@code delta < 0}, possibly into debt). */
    @Override
    public synchronized void adjust(long delta, long now) {
        refill(now);
        tokens = Math.min(capacity, tokens + delta);
    }

    /** Whole tokens there now (never negative). */
    @Override
    public synchronized long remaining(long now) {
        refill(now);
        return Math.max(0, (long) Math.floor(tokens));
    }

    /** Nanoseconds until {@code n} tokens are there (0 if they are; {@code n} is capped at the capacity). */
    @Override
    public synchronized long nanosUntil(long n, long now) {
        refill(now);
        double missing = Math.min(n, capacity) - tokens;
        return missing <= 0 ? 0 : (long) Math.ceil(missing / perNano);
    }

    private void refill(long now) {
        long elapsed = now - updated;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * perNano);
            updated = now;
        }
    }
}
