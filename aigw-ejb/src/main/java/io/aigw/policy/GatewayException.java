package io.aigw.policy;

import jakarta.ejb.ApplicationException;
import java.time.Duration;

/**
 * A request failed for a reason the client must hear about. The message is written for the client: it never
 * contains a credential, a stack trace or an upstream error body.
 */
@ApplicationException(rollback = false)
public class GatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Problem problem;
    private final String param;
    private final Duration retryAfter;

    public GatewayException(Problem problem, String message) {
        this(problem, message, null, null, null);
    }

    public GatewayException(Problem problem, String message, String param, Duration retryAfter, Throwable cause) {
        super(message, cause, false, false);
        this.problem = problem;
        this.param = param;
        this.retryAfter = retryAfter;
    }

    public Problem problem() {
        return problem;
    }

    /** The offending request field, or {@code null}. */
    public String param() {
        return param;
    }

    /** How long the client should wait before retrying, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
