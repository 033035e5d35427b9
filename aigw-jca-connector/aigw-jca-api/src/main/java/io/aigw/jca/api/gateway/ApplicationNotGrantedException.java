package io.aigw.jca.api.gateway;

import java.time.Duration;

/** The calling application has no grant (and no default grant is configured), or its grant's key is revoked or expired. */
public class ApplicationNotGrantedException extends GatewayRefusedException {
    private static final long serialVersionUID = 1L;

    public ApplicationNotGrantedException(String code, String message, Duration retryAfter) {
        this(code, 403, message, retryAfter);
    }

    /** With the HTTP status an HTTP caller would have got for the same refusal. */
    public ApplicationNotGrantedException(String code, int status, String message, Duration retryAfter) {
        super(Kind.AUTHENTICATION, code, status, message, retryAfter);
    }

    public ApplicationNotGrantedException(String message) {
        this("application_not_granted", message, null);
    }
}
