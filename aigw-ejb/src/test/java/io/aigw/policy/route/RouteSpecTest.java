package io.aigw.policy.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.quota.ScopedPolicyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A route definition read strictly (every refusal a 400 naming its field) and written back with every default. */
class RouteSpecTest {

    private static final String FULL = "{\"strategy\":\"weighted\",\"targets\":["
            + "{\"model\":\"openai/gpt-4o\",\"weight\":90,\"priority\":1},"
            + "{\"model\":\"anthropic/claude-sonnet-4\",\"weight\":10,\"priority\":2,"
            + "\"retire_at\":\"2027-01-01T02:00:00+02:00\"}],"
            + "\"fallback_on\":[\"timeout\",\"rate_limit\",\"context_length\"],"
            + "\"retry\":{\"max_attempts\":3,\"backoff\":\"PT0.5S\",\"honor_retry_after_up_to\":\"PT5S\"},"
            + "\"circuit_breaker\":{\"failure_ratio\":0.25,\"min_requests\":20,\"window\":\"PT1M\",\"open_for\":\"PT10S\"},"
            + "\"sticky\":\"user\",\"cache\":{\"mode\":\"exact\",\"ttl\":\"PT5M\",\"similarity\":0.9},"
            + "\"guardrails\":[\"pii-default\",\"no-secrets\"]}";

    @Test
    void aFullDocumentParsesIntoEveryField() {
        RouteSpec spec = parse(FULL);
        assertThat(spec).isEqualTo(new RouteSpec(Strategy.WEIGHTED,
                List.of(new RouteTarget("openai/gpt-4o", 90, 1, null),
                        new RouteTarget("anthropic/claude-sonnet-4", 10, 2, Instant.parse("2027-01-01T00:00:00Z"))),
                EnumSet.of(FailureClass.RATE_LIMIT, FailureClass.TIMEOUT, FailureClass.CONTEXT_LENGTH),
                new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(5)),
                new BreakerSpec(0.25, 20, Duration.ofMinutes(1), Duration.ofSeconds(10)), "user",
                new CacheSpec("exact", Duration.ofMinutes(5), 0.9), List.of("pii-default", "no-secrets")));
    }

    @Test
    void toJsonWritesTheDefinitionBackInDeclarationOrderAndItParsesToTheSameSpec() {
        RouteSpec spec = parse(FULL);
        String json = spec.toJson().toString();
        assertThat(json).isEqualTo("{\"strategy\":\"weighted\",\"targets\":["
                + "{\"model\":\"openai/gpt-4o\",\"weight\":90,\"priority\":1},"
                + "{\"model\":\"anthropic/claude-sonnet-4\",\"weight\":10,\"priority\":2,"
                + "\"retire_at\":\"2027-01-01T00:00:00Z\"}],"
                + "\"fallback_on\":[\"rate_limit\",\"timeout\",\"context_length\"],"
                + "\"retry\":{\"max_attempts\":3,\"backoff\":\"PT0.5S\",\"honor_retry_after_up_to\":\"PT5S\"},"
                + "\"circuit_breaker\":{\"failure_ratio\":0.25,\"min_requests\":20,\"window\":\"PT1M\","
                + "\"open_for\":\"PT10S\"},\"sticky\":\"user\","
                + "\"cache\":{\"mode\":\"exact\",\"ttl\":\"PT5M\",\"similarity\":0.9},"
                + "\"guardrails\":[\"pii-default\",\"no-secrets\"]}");
        assertThat(parse(json)).isEqualTo(spec);
    }

    @Test
    void aMinimalDocumentGetsEveryDefaultSpelledOut() {
        RouteSpec spec = parse("{\"targets\":[{\"model\":\"openai/gpt-4o-mini\"}]}");
        String json = spec.toJson().toString();
        assertThat(json).isEqualTo("{\"strategy\":\"priority\",\"targets\":["
                + "{\"model\":\"openai/gpt-4o-mini\",\"weight\":1,\"priority\":1}],"
                + "\"fallback_on\":[\"rate_limit\",\"server_error\",\"timeout\",\"unavailable\"],"
                + "\"retry\":{\"max_attempts\":1,\"backoff\":\"PT0.2S\",\"honor_retry_after_up_to\":\"PT10S\"},"
                + "\"circuit_breaker\":null,\"sticky\":null,"
                + "\"cache\":{\"mode\":\"off\",\"ttl\":\"PT10M\",\"similarity\":0.95},\"guardrails\":[]}");
        assertThat(spec.fallbackOn()).isEqualTo(FailureClass.DEFAULT_FALLBACK);
        assertThat(spec.retry()).isEqualTo(RetryPolicy.NONE);
        assertThat(spec.breaker()).isNull();
        assertThat(spec.cache()).isEqualTo(CacheSpec.OFF);
        assertThat(parse(json)).isEqualTo(spec);
    }

    @Test
    void aBreakerObjectTakesItsDefaultsAndNullsMeanTheDefaultToo() {
        RouteSpec spec = parse("{\"targets\":[{\"model\":\"m\"}],\"circuit_breaker\":{},\"retry\":null,"
                + "\"fallback_on\":null,\"sticky\":null,\"cache\":null,\"strategy\":null}");
        assertThat(spec.breaker()).isEqualTo(new BreakerSpec(0.5, 10, Duration.ofSeconds(30), Duration.ofSeconds(30)));
        assertThat(spec.strategy()).isEqualTo(Strategy.PRIORITY);
        assertThat(spec.retry()).isEqualTo(RetryPolicy.NONE);
        assertThat(spec.fallbackOn()).isEqualTo(FailureClass.DEFAULT_FALLBACK);
        assertThat(spec.cache()).isEqualTo(CacheSpec.OFF);
        // an empty fallback_on is kept: the route never moves on
        assertThat(parse("{\"targets\":[{\"model\":\"m\"}],\"fallback_on\":[]}").fallbackOn()).isEmpty();
    }

    @Test
    void theBoundsThemselvesAreAccepted() {
        String twenty = IntStream.range(0, RouteSpec.MAX_TARGETS).mapToObj(i -> "{\"model\":\"m" + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        assertThat(parse("{\"targets\":" + twenty + "}").targets()).hasSize(20);
        RouteSpec edges = parse("{\"targets\":[{\"model\":\"a\",\"weight\":0,\"priority\":1000},"
                + "{\"model\":\"b\",\"weight\":100000,\"priority\":1}],"
                + "\"retry\":{\"max_attempts\":5,\"backoff\":\"PT0S\",\"honor_retry_after_up_to\":\"P1D\"},"
                + "\"circuit_breaker\":{\"failure_ratio\":1,\"min_requests\":1,\"window\":\"PT1S\","
                + "\"open_for\":\"PT0.1S\"},\"cache\":{\"mode\":\"semantic\",\"ttl\":\"PT1S\",\"similarity\":0.5}}");
        assertThat(edges.targets()).containsExactly(new RouteTarget("a", 0, 1000, null),
                new RouteTarget("b", 100_000, 1, null));
        assertThat(edges.retry()).isEqualTo(new RetryPolicy(5, Duration.ZERO, Duration.ofDays(1)));
        assertThat(edges.breaker()).isEqualTo(new BreakerSpec(1.0, 1, Duration.ofSeconds(1), Duration.ofMillis(100)));
        assertThat(edges.cache()).isEqualTo(new CacheSpec("semantic", Duration.ofSeconds(1), 0.5));
        assertThat(edges.cache().semantic()).isTrue();
    }

    @Test
    void unknownFieldsAreRefusedAtEveryLevel() {
        assertRefused("{\"strateg\":\"priority\",\"targets\":[{\"model\":\"m\"}]}", "strateg",
                "Unknown field 'strateg'. Known fields: cache, circuit_breaker, fallback_on, guardrails, retry, sticky, "
                        + "strategy, targets.");
        assertRefused("{\"targets\":[{\"model\":\"m\",\"weigth\":2}]}", "targets[0].weigth",
                "Unknown field 'targets[0].weigth'. Known fields: model, priority, retire_at, weight.");
        assertRefused("{\"targets\":[{\"model\":\"m\"}],\"retry\":{\"max_attempt\":2}}", "retry.max_attempt",
                "Unknown field 'retry.max_attempt'. Known fields: backoff, honor_retry_after_up_to, max_attempts.");
        assertRefused("{\"targets\":[{\"model\":\"m\"}],\"circuit_breaker\":{\"ratio\":0.5}}",
                "circuit_breaker.ratio", "Unknown field 'circuit_breaker.ratio'. Known fields: failure_ratio, "
                        + "min_requests, open_for, window.");
        assertRefused("{\"targets\":[{\"model\":\"m\"}],\"cache\":{\"ttl_seconds\":5}}", "cache.ttl_seconds",
                "Unknown field 'cache.ttl_seconds'. Known fields: mode, similarity, ttl.");
    }

    @Test
    void anUnknownStrategyIsRefused() {
        assertRefused("{\"strategy\":\"round-robin\",\"targets\":[{\"model\":\"m\"}]}", "strategy",
                "'strategy' must be one of priority, weighted, least-latency, least-busy, cheapest.");
        assertRefused("{\"strategy\":1,\"targets\":[{\"model\":\"m\"}]}", "strategy", "'strategy' must be a string.");
    }

    @Test
    void targetsMustBeOneToTwentyObjects() {
        String message = "'targets' must be an array of 1 to 20 targets.";
        assertRefused("{\"targets\":[]}", "targets", message);
        assertRefused("{}", "targets", message);
        assertRefused("{\"targets\":{\"model\":\"m\"}}", "targets", message);
        String twentyOne = IntStream.range(0, 21).mapToObj(i -> "{\"model\":\"m" + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        assertRefused("{\"targets\":" + twentyOne + "}", "targets", message);
        assertRefused("{\"targets\":[\"openai/gpt-4o\"]}", "targets[0]", "Each target must be an object with a "
                + "'model'.");
        assertRefused("{\"targets\":[{\"weight\":1}]}", "targets[0].model", "'targets[0].model' (1 to 300 "
                + "characters) names the target's model, e.g. \"openai/gpt-4o-mini\".");
        assertRefused("{\"targets\":[{\"model\":\" \"}]}", "targets[0].model", "'targets[0].model' (1 to 300 "
                + "characters) names the target's model, e.g. \"openai/gpt-4o-mini\".");
    }

    @Test
    void aModelMayBeATargetOnlyOnce() {
        assertRefused("{\"targets\":[{\"model\":\"a\"},{\"model\":\"b\"},{\"model\":\"a\",\"priority\":2}]}",
                "targets[2].model", "The model 'a' is a target twice.");
    }

    @Test
    void aTargetMayNotBeARoute() {
        assertRefused("{\"targets\":[{\"model\":\"openai/gpt-4o\"},{\"model\":\"support\"}]}", "targets[1].model",
                "'support' is a route; a target must be a model.");
    }

    @Test
    void weightsAndPrioritiesAreWholeNumbersInRange() {
        assertRefused("{\"targets\":[{\"model\":\"m\",\"weight\":100001}]}", "targets[0].weight",
                "'targets[0].weight' must be a whole number from 0 to 100000.");
        assertRefused("{\"targets\":[{\"model\":\"m\",\"weight\":-1}]}", "targets[0].weight",
                "'targets[0].weight' must be a whole number from 0 to 100000.");
        assertRefused("{\"targets\":[{\"model\":\"m\",\"priority\":1.5}]}", "targets[0].priority",
                "'targets[0].priority' must be a whole number from 1 to 1000.");
        assertRefused("{\"targets\":[{\"model\":\"m\",\"priority\":0}]}", "targets[0].priority",
                "'targets[0].priority' must be a whole number from 1 to 1000.");
        assertRefused("{\"targets\":[{\"model\":\"m\",\"priority\":\"1\"}]}", "targets[0].priority",
                "'targets[0].priority' must be a whole number from 1 to 1000.");
        assertRefused("{\"targets\":[{\"model\":\"m\"}],\"retry\":{\"max_attempts\":6}}", "retry.max_attempts",
                "'retry.max_attempts' must be a whole number from 1 to 5.");
    }

    @Test
    void durationsAreIso8601WithinTheirBounds() {
        assertRefused("{\"targets\":[{\"model\":\"m\"}],\"retry\":{\"backoff\":\"200ms\"}}", "retry.backoff",
                "'retry.backoff' must be an ISO-8601 duration from PT0S to P1D, such as \"PT0.2S\".");
        assertRefused("{\"targets\":[{\"model\":\"m\"}],\"retry\":{\"backoff\":\"-PT1S\"}}", "retry.backoff",
                "'retry.backoff' must be an ISO-8601 duration from PT0S to P1D, such as \"PT0.2S\".");
        assertRefused("{\"targets\":[{\"model\":\"m\"}],\"circuit_breaker\":{\"open_for\":\"PT0.05S\"}}",
                "circuit_breaker.open_for", "'circuit_breaker.open_for' must be an ISO-8601 duration from PT0.1S to "
                        + "P1D, such as \"PT0.2S\".");
        assertRefused("{\"targets\":[{\"model\":\"m\"}],\"circuit_breaker\":{\"window\":\"PT0.5S\"}}",
                "circuit_breaker.window", "'circuit_breaker.window' must be an ISO-8601 duration from PT1S to P1D, "
                        + "such as \"PT0.2S\".");
        assertRefused("{\"targets\":[{\"model\":\"m\"}],\"cache\":{\"ttl\":\"P2D\"}}", "cache.ttl",
                "'cache.ttl' must be an ISO-8601 duration from PT1S to P1D, such as \"PT0.2S\".");
        assertRefused("{\"targets\":[{\"model\":\"m\"}],\"cache\":{\"ttl\":600}}", "cache.ttl",
                "'cache.ttl' must be a string.");
    }

    @Test
    void aRetirementTimeIsRfc3339() {
        assertRefused("{\"targets\":[{\"model\":\"m\",\"retire_at\":\"2027-01-01\"}]}", "targets[0].retire_at",
                "'targets[0].retire_at' must be an RFC 3339 time such as \"2027-01-01T00:00:00Z\".");
    }

    @Test
    void theFailureRatioIsAboveZeroAndAtMostOne() {
        String message = "'circuit_breaker.failure_ratio' must be a number above 0 and at most 1.";
        assertRefused("{\"targets\":[{\"model\":\"m\"}],\"circuit_breaker\":{\"failure_ratio\":0}}",
                "circuit_breaker.failure_ratio", message);
        assertRefused("{\"targets\":[{\"model\":\"m\"}],\"circuit_breaker\":{\"failure_ratio\":1.5}}",
                "circuit_breaker.failure_ratio", message);
        assertRefused("{\"targets\":[{\"model\":\"m\"}],\"circuit_breaker\":{\"failure_ratio\":\"0.5\"}}",
                "circuit_breaker.failure_ratio", message);
        assertRefused("{\"targets\":[{\"model\":\"m\"}],\"circuit_breaker\":true}", "circuit_breaker",
                "'circuit_breaker' must be an object or null.");
    }

    @Test
    void theCacheModeAndSimilarityAreChecked() {
        assertRefused("{\"targets\":[{\"model\":\"m\"}],\"cache\":{\"mode\":\"fuzzy\"}}", "cache.mode",
                "'cache.mode' must be \"off\", \"exact\" or \"semantic\".");
        assertRefused("{\"targets\":[{\"model\":\"m\"}],\"cache\":{\"mode\":\"semantic\",\"similarity\":0.2}}",
                "cache.similarity", "'cache.similarity' must be a number from 0.5 to 1.");
        assertRefused("{\"targets\":[{\"model\":\"m\"}],\"cache\":{\"similarity\":1.01}}", "cache.similarity",
                "'cache.similarity' must be a number from 0.5 to 1.");
    }

    @Test
    void stickyIsKeyUserOrNull() {
        assertRefused("{\"strategy\":\"weighted\",\"targets\":[{\"model\":\"m\"}],\"sticky\":\"ip\"}", "sticky",
                "'sticky' must be \"key\", \"user\" or null.");
        assertThat(parse("{\"strategy\":\"weighted\",\"targets\":[{\"model\":\"m\"}],\"sticky\":\"key\"}").sticky())
                .isEqualTo("key");
    }

    @Test
    void aWeightedRouteNeedsAWeightAboveZero() {
        assertRefused("{\"strategy\":\"weighted\",\"targets\":[{\"model\":\"a\",\"weight\":0},"
                + "{\"model\":\"b\",\"weight\":0}]}", "targets", "A weighted route needs at least one target with a "
                + "weight above 0.");
        // under another strategy the weights do not matter
        assertThat(parse("{\"targets\":[{\"model\":\"a\",\"weight\":0}]}").targets().get(0).weight()).isZero();
    }

    @Test
    void fallbackOnNamesKnownClassesOnly() {
        assertRefused("{\"targets\":[{\"model\":\"m\"}],\"fallback_on\":[\"rate_limit\",\"quota\"]}", "fallback_on",
                "'fallback_on' may hold only rate_limit, server_error, timeout, unavailable, context_length, "
                        + "content_filter.");
        assertRefused("{\"targets\":[{\"model\":\"m\"}],\"fallback_on\":[1]}", "fallback_on",
                "'fallback_on' may hold only rate_limit, server_error, timeout, unavailable, context_length, "
                        + "content_filter.");
        assertRefused("{\"targets\":[{\"model\":\"m\"}],\"fallback_on\":\"timeout\"}", "fallback_on",
                "'fallback_on' must be an array of rate_limit, server_error, timeout, unavailable, context_length, "
                        + "content_filter.");
    }

    private static RouteSpec parse(String json) {
        return RouteSpec.parse(ScopedPolicyStore.parse(json), Set.of("support")::contains);
    }

    private static void assertRefused(String json, String param, String message) {
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> parse(json));
        assertThat(e).as("refusal of %s", json).isNotNull();
        assertThat(e.problem()).isEqualTo(Problem.INVALID_REQUEST);
        assertThat(e.param()).isEqualTo(param);
        assertThat(e.getMessage()).isEqualTo(message);
    }
}
