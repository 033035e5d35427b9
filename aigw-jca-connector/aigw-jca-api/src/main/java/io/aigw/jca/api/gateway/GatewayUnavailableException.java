package io.aigw.jca.api.gateway;

import java.time.Duration;

/** The aigw gateway application is not running on this server. */
public class GatewayUnavailableException extends GatewayRefusedException {
    private static final long serialVersionUID = 1L;

    public GatewayUnavailableException(String code, String message, Duration retryAfter) {
        this(code, 503, message, retryAfter);
    }

    /** With the HTTP status an HTTP caller would have got for the same refusal. */
    public GatewayUnavailableException(String code, int status, String message, Duration retryAfter) {
        super(Kind.NOT_CONFIGURED, code, status, message, retryAfter);
    }

    public GatewayUnavailableException(String message) {
        this("gateway_unavailable", message, null);
    }
}
