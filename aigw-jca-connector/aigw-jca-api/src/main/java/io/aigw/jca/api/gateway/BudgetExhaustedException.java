package io.aigw.jca.api.gateway;

import java.time.Duration;

/** A token or cost budget of the application's grant (or its tenant) is spent for the current period. */
public class BudgetExhaustedException extends GatewayRefusedException {
    private static final long serialVersionUID = 1L;

    public BudgetExhaustedException(String code, String message, Duration retryAfter) {
        this(code, 429, message, retryAfter);
    }

    /** With the HTTP status an HTTP caller would have got for the same refusal. */
    public BudgetExhaustedException(String code, int status, String message, Duration retryAfter) {
        super(Kind.RATE_LIMITED, code, status, message, retryAfter);
    }

    public BudgetExhaustedException(String message) {
        this("insufficient_quota", message, null);
    }
}
