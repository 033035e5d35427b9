package io.aigw.policy.route;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The classes of failure a route can move on from ({@code fallback_on}) and retry ({@code retry}). A client error
 * (a request no target could serve as it is) belongs to none: it is never retried and never falls back.
 */
public enum FailureClass {
    /** The upstream rate-limited the request (429). */
    RATE_LIMIT("rate_limit", true),
    /** The upstream failed (5xx, a broken or unreadable answer). */
    SERVER_ERROR("server_error", true),
    /** A connect, header, idle or total timeout. */
    TIMEOUT("timeout", true),
    /**
     * The target cannot serve now: unreachable, its pool exhausted, its breaker open, not configured, the gateway's
     * credentials refused, the model unknown upstream.
     */
    UNAVAILABLE("unavailable", true),
    /** The prompt does not fit the target model's context window (another target may have a larger one). */
    CONTEXT_LENGTH("context_length", false),
    /** The target's content filter refused the request or stopped the answer. */
    CONTENT_FILTER("content_filter", false);

    /** What a route falls back on when it does not say. */
    public static final Set<FailureClass> DEFAULT_FALLBACK = EnumSet.of(RATE_LIMIT, SERVER_ERROR, TIMEOUT, UNAVAILABLE);

    private final String wireName;
    private final boolean transient_;

    FailureClass(String wireName, boolean transientFailure) {
        this.wireName = wireName;
        this.transient_ = transientFailure;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether trying the same target again can help (a context or content failure would fail again). */
    public boolean retryable() {
        return transient_;
    }

    /** The class by its wire name, or {@code null}. */
    public static FailureClass of(String wireName) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(wireName)).findFirst().orElse(null);
    }

    /** The wire names, for error messages. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(FailureClass::wireName).toList());
    }
}
