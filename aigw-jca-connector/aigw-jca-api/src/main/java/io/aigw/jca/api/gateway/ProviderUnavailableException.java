package io.aigw.jca.api.gateway;

import java.time.Duration;

/** Every upstream the call could go to failed, timed out, or is unavailable (circuit open, pool exhausted, not configured). */
public class ProviderUnavailableException extends GatewayRefusedException {
    private static final long serialVersionUID = 1L;

    public ProviderUnavailableException(String code, String message, Duration retryAfter) {
        this(code, 502, message, retryAfter);
    }

    /** With the HTTP status an HTTP caller would have got for the same refusal. */
    public ProviderUnavailableException(String code, int status, String message, Duration retryAfter) {
        super(Kind.UPSTREAM_ERROR, code, status, message, retryAfter);
    }

    public ProviderUnavailableException(String message) {
        this("upstream_error", message, null);
    }
}
