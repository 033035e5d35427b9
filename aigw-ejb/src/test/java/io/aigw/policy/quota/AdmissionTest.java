package io.aigw.policy.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.policy.Problem;
import io.aigw.policy.RateLimitState;
import io.aigw.policy.auth.Caller;
import io.aigw.policy.auth.GatewayRole;
import io.aigw.policy.config.GatewaySettings;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Limits on an injected clock: windows, all-or-nothing admission, shadow mode, settlement and the tightest figure. */
class AdmissionTest {

    private static final long SECOND = 1_000_000_000L;
    private static final Caller CALLER = new Caller("key_a", "app", "acme", Set.of(GatewayRole.USER), List.of());

    private final LimitCounters counters = new LimitCounters();
    private final Settings settings = new Settings();

    @Test
    void aRequestsPerMinuteLimitAdmitsItsBurstThenOnePerRefillInterval() {
        Map<Scope, LimitSpec> specs = Map.of(Scope.key("key_a"), spec("{\"requests_per_minute\":60}"));
        for (int i = 0; i < 60; i++) {
            assertThat(admit(specs, "m", 0, 0).refusal()).isNull();
        }
        Admission refused = admit(specs, "m", 0, 0);
        assertThat(refused.refusal().problem()).isEqualTo(Problem.RATE_LIMITED);
        assertThat(refused.refusal().retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(refused.refusal().getMessage()).isEqualTo("Rate limit reached for API key 'key_a': 60 requests "
                + "per minute. Retry after 1 s.");
        assertThat(admit(specs, "m", 0, SECOND).refusal()).isNull();
        assertThat(admit(specs, "m", 0, SECOND).refusal()).isNotNull();
    }

    @Test
    void oneHundredConcurrentClientsAtTenTimesTheLimitGetExactlyTheBucketsWorth() throws Exception {
        Map<Scope, LimitSpec> specs = Map.of(Scope.key("key_a"), spec("{\"requests_per_minute\":600}"));
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            // each simulated second, 100 clients send 100 requests each (10x the 10-a-second limit)
            for (int second = 0; second <= 60; second++) {
                long now = second * SECOND;
                CountDownLatch done = new CountDownLatch(100);
                for (int c = 0; c < 100; c++) {
                    pool.execute(() -> {
                        for (int i = 0; i < 100; i++) {
                            if (admit(specs, "m", 0, now).refusal() == null) {
                                admitted.incrementAndGet();
                            }
                        }
                        done.countDown();
                    });
                }
                assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        // over [0 s, 60 s]: the burst of 600 plus 60 s of refill at 10 a second, and not one more
        assertThat(admitted.get()).isEqualTo(600 + 600);
    }

    @Test
    void everyApplicableLimitMustAdmitAndARefusedRequestGivesBackWhatItTook() {
        Map<Scope, LimitSpec> specs = Map.of(Scope.key("key_a"), spec("{\"requests_per_minute\":100}"),
                Scope.tenant("acme"), spec("{\"requests_per_minute\":2}"));
        assertThat(admit(specs, "m", 0, 0).refusal()).isNull();
        assertThat(admit(specs, "m", 0, 0).refusal()).isNull();
        Admission third = admit(specs, "m", 0, 0);
        assertThat(third.refusal().getMessage()).startsWith("Rate limit reached for tenant 'acme'");
        assertThat(third.decisions().getJsonObject(1).getString("decision")).isEqualTo("refused");
        // the key's bucket got its token back: 98 left, not 97
        assertThat(counters.peek(new AppliedLimit(Scope.key("key_a"), null, AppliedLimit.Kind.REQUESTS, 100, false,
                false)).remaining(0)).isEqualTo(98);
    }

    @Test
    void aShadowLimitRecordsThatItWouldHaveRefusedAndAdmits() {
        Map<Scope, LimitSpec> specs = Map.of(Scope.key("key_a"),
                spec("{\"requests_per_minute\":1,\"mode\":\"shadow\"}"));
        assertThat(admit(specs, "m", 0, 0).refusal()).isNull();
        Admission second = admit(specs, "m", 0, 0);
        assertThat(second.refusal()).isNull();
        JsonObject d = second.decisions().getJsonObject(0);
        assertThat(d.getString("decision")).isEqualTo("would_refuse");
        assertThat(d.getString("mode")).isEqualTo("shadow");
        assertThat(second.state()).as("shadow limits are not reported in headers").isNull();
    }

    @Test
    void perModelLimitsApplyToMatchingModelsOnly() {
        Map<Scope, LimitSpec> specs = Map.of(Scope.key("key_a"),
                spec("{\"models\":{\"openai/*\":{\"requests_per_minute\":1}}}"));
        assertThat(admit(specs, "openai/gpt-4o", 0, 0).refusal()).isNull();
        Admission second = admit(specs, "openai/gpt-4o-mini", 0, 0);
        assertThat(second.refusal().getMessage()).startsWith("Rate limit reached for API key 'key_a' on model "
                + "'openai/*'");
        assertThat(admit(specs, "anthropic/claude", 0, 0).refusal()).isNull();
        // a plain name that resolves to a limited model is held to the limit too
        Map<Scope, LimitSpec> exact = Map.of(Scope.key("key_a"),
                spec("{\"models\":{\"openai/gpt-4o\":{\"requests_per_minute\":1}}}"));
        assertThat(Admission.admit(LimitPlan.of(CALLER, List.of("gpt-4o", "openai/gpt-4o"), exact, settings), 0,
                counters, 0).refusal()).isNull();
        assertThat(Admission.admit(LimitPlan.of(CALLER, List.of("gpt-4o", "openai/gpt-4o"), exact, settings), 0,
                counters, 0).refusal()).isNotNull();
    }

    @Test
    void tokenLimitsReserveTheEstimateAndSettleToRealUsage() {
        Map<Scope, LimitSpec> specs = Map.of(Scope.key("key_a"), spec("{\"tokens_per_minute\":1000}"));
        Admission a = admit(specs, "m", 600, 0);
        assertThat(a.refusal()).isNull();
        Admission b = admit(specs, "m", 600, 0);
        assertThat(b.refusal().getMessage()).isEqualTo("Rate limit reached for API key 'key_a': 1000 tokens per "
                + "minute (this request reserves 600). Retry after 12 s.");
        a.settle(100, 0); // 500 of the 600 come back
        assertThat(admit(specs, "m", 600, 0).refusal()).isNull();
    }

    @Test
    void aRequestLargerThanTheTokenLimitCanNeverPassAndSaysSo() {
        Map<Scope, LimitSpec> specs = Map.of(Scope.key("key_a"), spec("{\"tokens_per_minute\":1000}"));
        Admission a = admit(specs, "m", 5000, 0);
        assertThat(a.refusal().getMessage()).isEqualTo("Request too large for API key 'key_a': it may use up to 5000 "
                + "tokens (input estimate plus max_tokens), more than the limit of 1000 tokens per minute. Send less "
                + "or lower max_tokens.");
    }

    @Test
    void concurrencyLimitsAreFailsafeBulkheadsFreedWhenTheRequestSettles() {
        Map<Scope, LimitSpec> specs = Map.of(Scope.key("key_a"), spec("{\"concurrent_requests\":2}"));
        Admission a = admit(specs, "m", 0, 0);
        Admission b = admit(specs, "m", 0, 0);
        Admission c = admit(specs, "m", 0, 0);
        assertThat(a.refusal()).isNull();
        assertThat(b.refusal()).isNull();
        assertThat(c.refusal().problem()).isEqualTo(Problem.CONCURRENCY_LIMITED);
        assertThat(c.refusal().retryAfter()).isEqualTo(Duration.ofSeconds(1));
        a.settle(0, 0);
        assertThat(admit(specs, "m", 0, 0).refusal()).isNull();
    }

    @Test
    void theHeadersReportTheTightestEnforcedFigureOfEachKind() {
        Map<Scope, LimitSpec> specs = Map.of(Scope.key("key_a"),
                spec("{\"requests_per_minute\":100,\"tokens_per_minute\":50000}"),
                Scope.tenant("acme"), spec("{\"requests_per_minute\":10,\"tokens_per_minute\":90000}"));
        RateLimitState s = admit(specs, "m", 1000, 0).state();
        assertThat(s.requests()).isEqualTo(new RateLimitState.Window(10, 9, 6 * SECOND));
        assertThat(s.tokens()).isEqualTo(new RateLimitState.Window(50000, 49000, 1_200_000_000L));
    }

    @Test
    void keysWithoutLimitsOfTheirOwnGetTheDeployTimeDefaults() {
        settings.rpm = Optional.of(1L);
        Map<Scope, LimitSpec> none = Map.of();
        assertThat(admit(none, "m", 0, 0).refusal()).isNull();
        Admission second = admit(none, "m", 0, 0);
        assertThat(second.refusal()).isNotNull();
        assertThat(second.decisions().getJsonObject(0).getBoolean("default")).isTrue();
        // a key with limits of its own is not also held to the defaults
        assertThat(admit(Map.of(Scope.key("key_a"), spec("{\"requests_per_minute\":5}")), "m", 0, 0).refusal())
                .isNull();
    }

    @Test
    void documentsAreCheckedStrictly() {
        assertThat(bad("{\"requests_per_minut\":1}")).isEqualTo("Unknown field 'requests_per_minut'. Known fields: "
                + "concurrent_requests, mode, models, requests_per_minute, tokens_per_minute.");
        assertThat(bad("{\"requests_per_minute\":1.5}")).isEqualTo("'requests_per_minute' must be a whole number.");
        assertThat(bad("{\"requests_per_minute\":0}")).isEqualTo("'requests_per_minute' must be between 1 and "
                + "1000000000.");
        assertThat(bad("{\"mode\":\"dry\"}")).isEqualTo("'mode' must be 'enforce' or 'shadow'.");
        assertThat(bad("{\"models\":{\"m\":{\"concurrent_requests\":1}}}")).isEqualTo("Unknown field "
                + "'models.m.concurrent_requests'. Known fields: requests_per_minute, tokens_per_minute.");
        assertThat(spec("{\"requests_per_minute\":60,\"models\":{\"a\":{\"tokens_per_minute\":5}}}").toJson()
                .toString()).isEqualTo("{\"requests_per_minute\":60,\"models\":{\"a\":{\"tokens_per_minute\":5}},"
                + "\"mode\":\"enforce\"}");
    }

    private Admission admit(Map<Scope, LimitSpec> specs, String model, long tokens, long now) {
        List<AppliedLimit> limits = LimitPlan.of(CALLER, List.of(model), specs, settings);
        return Admission.admit(limits, tokens, counters, now);
    }

    static LimitSpec spec(String json) {
        return LimitSpec.parse(ScopedPolicyStore.parse(json));
    }

    private static String bad(String json) {
        try {
            spec(json);
            return null;
        } catch (io.aigw.policy.GatewayException e) {
            return e.getMessage();
        }
    }

    /** Settings with the defaults a test sets. */
    static final class Settings extends GatewaySettings {
        Optional<Long> rpm = Optional.empty();

        @Override
        public Optional<Long> defaultRequestsPerMinute() {
            return rpm;
        }

        @Override
        public Optional<Long> defaultTokensPerMinute() {
            return Optional.empty();
        }

        @Override
        public Optional<Long> defaultConcurrentRequests() {
            return Optional.empty();
        }

        @Override
        public boolean defaultLimitsShadow() {
            return false;
        }
    }
}
