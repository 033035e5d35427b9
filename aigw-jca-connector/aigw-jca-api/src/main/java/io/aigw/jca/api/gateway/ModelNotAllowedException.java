package io.aigw.jca.api.gateway;

import java.time.Duration;

/** The application's grant does not allow the model. */
public class ModelNotAllowedException extends GatewayRefusedException {
    private static final long serialVersionUID = 1L;

    public ModelNotAllowedException(String code, String message, Duration retryAfter) {
        this(code, 403, message, retryAfter);
    }

    /** With the HTTP status an HTTP caller would have got for the same refusal. */
    public ModelNotAllowedException(String code, int status, String message, Duration retryAfter) {
        super(Kind.AUTHENTICATION, code, status, message, retryAfter);
    }

    public ModelNotAllowedException(String message) {
        this("model_not_allowed", message, null);
    }
}
