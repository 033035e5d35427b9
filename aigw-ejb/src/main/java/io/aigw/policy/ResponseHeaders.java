package io.aigw.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What the policy steps want on a request's answer, whatever the answer is (a response, a stream's first bytes or an
 * error): plain headers, and the rate-limit state that each client format writes as its own headers. Used by the
 * thread that serves the request.
 */
public final class ResponseHeaders {

    private final Map<String, String> headers = new LinkedHashMap<>();
    private RateLimitState rateLimits;

    /** Sets a header, replacing an earlier value of the same name. */
    public void set(String name, String value) {
        headers.put(name, value);
    }

    /** Hands each header to {@code target} (for example a response builder). */
    public void forEach(BiConsumer<String, String> target) {
        headers.forEach(target);
    }

    /** The value set for {@code name}, or {@code null}. */
    public String get(String name) {
        return headers.get(name);
    }

    public boolean isEmpty() {
        return headers.isEmpty() && rateLimits == null;
    }

    /** The rate-limit state to report, or {@code null} when the caller is not limited. */
    public RateLimitState rateLimits() {
        return rateLimits;
    }

    public void rateLimits(RateLimitState state) {
        this.rateLimits = state;
    }
}
