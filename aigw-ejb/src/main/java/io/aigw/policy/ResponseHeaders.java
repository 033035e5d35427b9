package io.aigw.policy;

import java.time.Instant;

/**
 * What the policy steps want on a request's answer, whatever the answer is (a response, a stream's first bytes or an
 * error): the rate-limit state, which each client format writes as its own headers, and what routing and the cache
 * did ({@code x-aigw-route}, {@code x-aigw-served-by}, {@code x-aigw-attempts}, {@code x-aigw-cache},
 * {@code x-aigw-guardrails}, and
 * {@code Deprecation}/{@code Sunset} for a retiring target). Used by the thread that serves the request.
 */
public final class ResponseHeaders {

    private RateLimitState rateLimits;
    private String route;
    private String servedBy;
    private int attempts;
    private String cache;
    private Instant deprecatedSince;
    private Instant sunset;
    private java.util.List<String> guardrails;

    /** The rate-limit state to report, or {@code null} when the caller is not limited. */
    public RateLimitState rateLimits() {
        return rateLimits;
    }

    public void rateLimits(RateLimitState state) {
        this.rateLimits = state;
    }

    /** The route the request took ({@code name} or {@code name@version}), or {@code null}. */
    public String route() {
        return route;
    }

    public void route(String route) {
        this.route = route;
    }

    /** The target that answers ({@code <connection>/<model>}), or {@code null}. */
    public String servedBy() {
        return servedBy;
    }

    /** Attempts made so far (0 when none was needed). */
    public int attempts() {
        return attempts;
    }

    /** An attempt on {@code target} starts. */
    public void attempt(String target) {
        this.servedBy = target;
        this.attempts++;
    }

    /** The answer is {@code target}'s (a cached answer: the target that first produced it). */
    public void servedBy(String target) {
        this.servedBy = target;
    }

    /** {@code hit}, {@code miss}, {@code bypass} or {@code refresh}, or {@code null} when the route caches nothing. */
    public String cache() {
        return cache;
    }

    public void cache(String status) {
        this.cache = status;
    }

    /** The answering target retires at {@code sunset} (announced at {@code since}). */
    public void retiring(Instant since, Instant sunset) {
        this.deprecatedSince = since;
        this.sunset = sunset;
    }

    /** Clears a retirement noted for an earlier attempt's target. */
    public void notRetiring() {
        this.deprecatedSince = null;
        this.sunset = null;
    }

    public Instant deprecatedSince() {
        return deprecatedSince;
    }

    public Instant sunset() {
        return sunset;
    }

    /**
     * What the guardrails did, one structured-field item per rule that acted ({@code set.stage.type;action=redact;
     * email=2}), for {@code x-aigw-guardrails}; never any matched text. {@code null} when nothing acted.
     */
    public String guardrails() {
        return guardrails == null ? null : String.join(", ", guardrails);
    }

    /** Adds what one rule did. */
    public void guardrail(String item) {
        if (guardrails == null) {
            guardrails = new java.util.ArrayList<>(2);
        }
        guardrails.add(item);
    }
}
