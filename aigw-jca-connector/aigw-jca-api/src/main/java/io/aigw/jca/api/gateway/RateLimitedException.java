package io.aigw.jca.api.gateway;

import java.time.Duration;

/** A rate or concurrency limit of the application's grant (or its tenant) is reached: retry after {@link #retryAfter()}. */
public class RateLimitedException extends GatewayRefusedException {
    private static final long serialVersionUID = 1L;

    public RateLimitedException(String code, String message, Duration retryAfter) {
        this(code, 429, message, retryAfter);
    }

    /** With the HTTP status an HTTP caller would have got for the same refusal. */
    public RateLimitedException(String code, int status, String message, Duration retryAfter) {
        super(Kind.RATE_LIMITED, code, status, message, retryAfter);
    }

    public RateLimitedException(String message) {
        this("rate_limit_exceeded", message, null);
    }
}
