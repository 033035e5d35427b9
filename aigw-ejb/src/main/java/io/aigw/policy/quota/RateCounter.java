package io.aigw.policy.quota;

/**
 * The counter of one requests or tokens figure: a token bucket holding at most its per-minute figure, refilled
 * continuously. {@link TokenBucket} keeps it in this server's memory; {@link LeasedBucket} shares it with every server
 * on the database. Times are this server's monotonic nanoseconds.
 */
public interface RateCounter {

    /** The figure (capacity and refill per minute). */
    long capacity();

    /** Takes {@code n} tokens if that many are there. */
    boolean tryTake(long n, long now);

    /** Gives back ({@code delta > 0}) or takes more ({@code delta < 0}, possibly into debt). */
    void adjust(long delta, long now);

    /** Whole tokens there now (never negative). */
    long remaining(long now);

    /** Nanoseconds until {@code n} tokens are there (0 if they are; {@code n} is capped at the capacity). */
    long nanosUntil(long n, long now);

    /** Nanoseconds until the bucket is full again. */
    default long nanosUntilFull(long now) {
        return nanosUntil(capacity(), now);
    }
}
