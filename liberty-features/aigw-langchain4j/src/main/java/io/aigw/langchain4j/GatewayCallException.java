package io.aigw.langchain4j;

import dev.langchain4j.exception.LangChain4jException;
import io.aigw.jca.api.ProviderException;
import java.time.Duration;

/**
 * A gateway call of a governed model failed: LangChain4j's model interfaces allow no checked exceptions, so the
 * gateway's {@link ProviderException} travels as this exception's cause. Callers that need the reason unwrap it with
 * {@link #providerException()}: a policy refusal is one of the typed exceptions of {@link io.aigw.jca.api.gateway}
 * (for example {@link io.aigw.jca.api.gateway.RateLimitedException} with its {@code retryAfter()}).
 */
public class GatewayCallException extends LangChain4jException {
    private static final long serialVersionUID = 1L;

    /** Wraps the gateway's exception, keeping its message. */
    public GatewayCallException(ProviderException cause) {
        super(cause.getMessage(), cause);
    }

    /** The gateway's exception: a typed refusal of {@link io.aigw.jca.api.gateway} or a provider failure. */
    public ProviderException providerException() {
        return (ProviderException) getCause();
    }

    /** What went wrong, independent of the provider. */
    public ProviderException.Kind kind() {
        return providerException().kind();
    }

    /** Whether a later retry of the same request may succeed. */
    public boolean retryable() {
        return providerException().retryable();
    }

    /** How long to wait before retrying, or {@code null}. */
    public Duration retryAfter() {
        return providerException().retryAfter();
    }
}
