package io.aigw.policy;

/**
 * The tightest enforced rate limits of a request after its admission, for the answer's rate-limit headers (each
 * client format writes them its own way). A trio is {@code null} when no limit of that kind applies.
 *
 * @param requests the tightest requests-per-minute limit
 * @param tokens   the tightest tokens-per-minute limit
 */
public record RateLimitState(Window requests, Window tokens) {

    /**
     * One limit's state.
     *
     * @param limit      the per-minute figure (also the burst)
     * @param remaining  what is left now
     * @param resetNanos nanoseconds until it is whole again
     */
    public record Window(long limit, long remaining, long resetNanos) {
    }
}
