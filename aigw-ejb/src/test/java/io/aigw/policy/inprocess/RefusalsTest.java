package io.aigw.policy.inprocess;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.jca.api.gateway.ApplicationNotGrantedException;
import io.aigw.jca.api.gateway.AuditUnavailableException;
import io.aigw.jca.api.gateway.BudgetExhaustedException;
import io.aigw.jca.api.gateway.GatewayRefusedException;
import io.aigw.jca.api.gateway.GuardrailBlockedException;
import io.aigw.jca.api.gateway.ModelNotAllowedException;
import io.aigw.jca.api.gateway.ProviderUnavailableException;
import io.aigw.jca.api.gateway.RateLimitedException;
import io.aigw.jca.api.gateway.UnknownModelException;
import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefusalsTest {

    @Test
    void eachRefusalBecomesItsTypedExceptionWithTheHttpCodeStatusAndMessage() {
        check(Problem.RATE_LIMITED, RateLimitedException.class, "rate_limit_exceeded", 429);
        check(Problem.CONCURRENCY_LIMITED, RateLimitedException.class, "concurrency_limit_exceeded", 429);
        check(Problem.BUDGET_EXHAUSTED, BudgetExhaustedException.class, "insufficient_quota", 429);
        check(Problem.GUARDRAIL_BLOCKED, GuardrailBlockedException.class, "guardrail_blocked", 400);
        check(Problem.UNKNOWN_MODEL, UnknownModelException.class, "model_not_found", 404);
        check(Problem.MODEL_NOT_ALLOWED, ModelNotAllowedException.class, "model_not_allowed", 403);
        check(Problem.APPLICATION_NOT_GRANTED, ApplicationNotGrantedException.class, "application_not_granted", 403);
        check(Problem.AUDIT_UNAVAILABLE, AuditUnavailableException.class, "audit_unavailable", 503);
        check(Problem.POOL_EXHAUSTED, ProviderUnavailableException.class, "pool_exhausted", 503);
        check(Problem.PROVIDER_TIMEOUT, ProviderUnavailableException.class, "upstream_timeout", 504);
    }

    @Test
    void theRetryAfterTravelsWithARateLimit() {
        GatewayRefusedException e = Refusals.of(new GatewayException(Problem.RATE_LIMITED, "wait", null,
                Duration.ofSeconds(12), null));
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(12));
        assertThat(e.retryable()).isTrue();
    }

    private static void check(Problem problem, Class<? extends GatewayRefusedException> type, String code, int status) {
        GatewayRefusedException e = Refusals.of(new GatewayException(problem, "why " + problem));
        assertThat(e).isExactlyInstanceOf(type);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.getMessage()).isEqualTo("why " + problem);
    }
}
