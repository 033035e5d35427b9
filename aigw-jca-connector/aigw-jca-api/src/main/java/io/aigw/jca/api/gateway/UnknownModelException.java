package io.aigw.jca.api.gateway;

import java.time.Duration;

/** No route or connection of the gateway serves the model. */
public class UnknownModelException extends GatewayRefusedException {
    private static final long serialVersionUID = 1L;

    public UnknownModelException(String code, String message, Duration retryAfter) {
        this(code, 404, message, retryAfter);
    }

    /** With the HTTP status an HTTP caller would have got for the same refusal. */
    public UnknownModelException(String code, int status, String message, Duration retryAfter) {
        super(Kind.NOT_FOUND, code, status, message, retryAfter);
    }

    public UnknownModelException(String message) {
        this("model_not_found", message, null);
    }
}
