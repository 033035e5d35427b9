package io.aigw.policy.inprocess;

import io.aigw.jca.api.gateway.ApplicationNotGrantedException;
import io.aigw.jca.api.gateway.AuditUnavailableException;
import io.aigw.jca.api.gateway.BudgetExhaustedException;
import io.aigw.jca.api.gateway.GatewayRefusedException;
import io.aigw.jca.api.gateway.GuardrailBlockedException;
import io.aigw.jca.api.gateway.InvalidRequestException;
import io.aigw.jca.api.gateway.ModelNotAllowedException;
import io.aigw.jca.api.gateway.ProviderUnavailableException;
import io.aigw.jca.api.gateway.RateLimitedException;
import io.aigw.jca.api.gateway.UnknownModelException;
import io.aigw.jca.api.ProviderException;
import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;

/** The typed exception an in-process caller gets for a gateway refusal (same code and message as over HTTP). */
final class Refusals {

    private Refusals() {
    }

    static GatewayRefusedException of(GatewayException e) {
        Problem p = e.problem();
        String code = p.code() != null ? p.code() : p.type();
        String message = e.getMessage();
        switch (p) {
            case RATE_LIMITED:
            case CONCURRENCY_LIMITED:
                return new RateLimitedException(code, p.status(), message, e.retryAfter());
            case BUDGET_EXHAUSTED:
                return new BudgetExhaustedException(code, p.status(), message, e.retryAfter());
            case GUARDRAIL_BLOCKED:
                return new GuardrailBlockedException(code, p.status(), message, null);
            case UNKNOWN_MODEL:
                return new UnknownModelException(code, p.status(), message, null);
            case MODEL_NOT_ALLOWED:
                return new ModelNotAllowedException(code, p.status(), message, null);
            case APPLICATION_NOT_GRANTED:
            case UNAUTHENTICATED:
            case FORBIDDEN:
                return new ApplicationNotGrantedException(code, p.status(), message, null);
            case AUDIT_UNAVAILABLE:
                return new AuditUnavailableException(code, p.status(), message, e.retryAfter());
            case INVALID_REQUEST:
            case PAYLOAD_TOO_LARGE:
            case UNSUPPORTED_BY_MODEL:
            case MODEL_UNPRICED:
                return new InvalidRequestException(code, p.status(), message, null);
            case PROVIDER_FAILED:
            case PROVIDER_AUTHENTICATION:
            case CONNECTION_NOT_CONFIGURED:
            case POOL_EXHAUSTED:
            case NO_TARGET_AVAILABLE:
            case PROVIDER_TIMEOUT:
                return new ProviderUnavailableException(code, p.status(), message, e.retryAfter());
            default:
                return new GatewayRefusedException(p.shouldRetry() ? ProviderException.Kind.UPSTREAM_ERROR
                        : ProviderException.Kind.BAD_REQUEST, code, p.status(), message, e.retryAfter());
        }
    }
}
