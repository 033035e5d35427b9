package io.aigw.jca.api.gateway;

import java.time.Duration;

/** The audit trail cannot record the call, so the gateway does not make it. */
public class AuditUnavailableException extends GatewayRefusedException {
    private static final long serialVersionUID = 1L;

    public AuditUnavailableException(String code, String message, Duration retryAfter) {
        this(code, 503, message, retryAfter);
    }

    /** With the HTTP status an HTTP caller would have got for the same refusal. */
    public AuditUnavailableException(String code, int status, String message, Duration retryAfter) {
        super(Kind.UPSTREAM_ERROR, code, status, message, retryAfter);
    }

    public AuditUnavailableException(String message) {
        this("audit_unavailable", message, null);
    }
}
