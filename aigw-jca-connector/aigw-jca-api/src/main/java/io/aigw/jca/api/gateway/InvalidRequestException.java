package io.aigw.jca.api.gateway;

import java.time.Duration;

/** The gateway refused the request as invalid (the message says what is wrong). */
public class InvalidRequestException extends GatewayRefusedException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String code, String message, Duration retryAfter) {
        this(code, 400, message, retryAfter);
    }

    /** With the HTTP status an HTTP caller would have got for the same refusal. */
    public InvalidRequestException(String code, int status, String message, Duration retryAfter) {
        super(Kind.BAD_REQUEST, code, status, message, retryAfter);
    }

    public InvalidRequestException(String message) {
        this("invalid_request_error", message, null);
    }
}
