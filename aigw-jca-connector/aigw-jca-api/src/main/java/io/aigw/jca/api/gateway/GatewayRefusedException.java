package io.aigw.jca.api.gateway;

import io.aigw.jca.api.ProviderException;
import java.time.Duration;

/**
 * The gateway refused or could not complete an in-process call. {@link #code()} is the gateway's error code (the one
 * an HTTP caller gets in its error body) and {@link #status()} the HTTP status it would have had; the subclasses
 * name the refusals applications usually handle.
 */
public class GatewayRefusedException extends ProviderException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int status;

    public GatewayRefusedException(Kind kind, String code, int status, String message, Duration retryAfter) {
        super(kind, message, 0, retryAfter, null);
        this.code = code;
        this.status = status;
    }

    /** The gateway's error code, e.g. {@code rate_limit_exceeded}, {@code model_not_found}. */
    public String code() {
        return code;
    }

    /** The HTTP status an HTTP caller would have got. */
    public int status() {
        return status;
    }
}
