package io.aigw.jca.api.gateway;

import java.time.Duration;

/** A guardrail blocked the request or the answer (the message names the set and rule, never the matched text). */
public class GuardrailBlockedException extends GatewayRefusedException {
    private static final long serialVersionUID = 1L;

    public GuardrailBlockedException(String code, String message, Duration retryAfter) {
        this(code, 400, message, retryAfter);
    }

    /** With the HTTP status an HTTP caller would have got for the same refusal. */
    public GuardrailBlockedException(String code, int status, String message, Duration retryAfter) {
        super(Kind.BAD_REQUEST, code, status, message, retryAfter);
    }

    public GuardrailBlockedException(String message) {
        this("guardrail_blocked", message, null);
    }
}
