package io.aigw.policy;

/**
 * What the policy steps want on a request's answer, whatever the answer is (a response, a stream's first bytes or an
 * error): the rate-limit state, which each client format writes as its own headers. Used by the thread that serves
 * the request.
 */
public final class ResponseHeaders {

    private RateLimitState rateLimits;

    /** The rate-limit state to report, or {@code null} when the caller is not limited. */
    public RateLimitState rateLimits() {
        return rateLimits;
    }

    public void rateLimits(RateLimitState state) {
        this.rateLimits = state;
    }
}
