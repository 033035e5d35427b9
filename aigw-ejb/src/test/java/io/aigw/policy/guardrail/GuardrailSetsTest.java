package io.aigw.policy.guardrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.auth.Caller;
import io.aigw.policy.config.GatewayClock;
import io.aigw.policy.config.GatewaySettings;
import io.aigw.policy.quota.Scope;
import io.aigw.policy.quota.ScopedPolicies;
import io.aigw.policy.route.Route;
import io.aigw.policy.route.RouteSpec;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Which sets a request passes: tenant's, key's and route's in that order, else the configured default. */
class GuardrailSetsTest {

    private static final Caller CALLER = new Caller("key_1", "app", "acme", Set.of(), List.of());

    private static GuardrailSet set(String name) {
        try (var r = Json.createReader(new StringReader("{\"input\":[{\"type\":\"pii\"}]}"))) {
            return new GuardrailSet(name, GuardrailSpec.parse(r.readObject()), Instant.EPOCH, "key_admin");
        }
    }

    private static GuardrailSets sets(Map<Scope, List<String>> attached, String fallback, String... stored) {
        GuardrailSets sets = new GuardrailSets();
        sets.scoped = new ScopedPolicies() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Map<Scope, T> of(String kind, Function<JsonObject, T> parser) {
                assertThat(kind).isEqualTo(GuardrailSets.KIND);
                return (Map<Scope, T>) attached;
            }
        };
        sets.settings = new GatewaySettings() {
            @Override
            public Optional<String> guardrailsDefault() {
                return Optional.ofNullable(fallback);
            }

            @Override
            public Duration quotasRefresh() {
                return Duration.ofSeconds(5);
            }
        };
        sets.clock = new GatewayClock();
        sets.store = new GuardrailStore() {
            @Override
            public List<GuardrailSet> all() {
                return java.util.Arrays.stream(stored).map(GuardrailSetsTest::set).toList();
            }
        };
        sets.init();
        return sets;
    }

    private static Optional<Route> route(String... guardrails) {
        try (var r = Json.createReader(new StringReader("{\"targets\":[{\"model\":\"openai/m\"}],\"guardrails\":"
                + Json.createArrayBuilder(List.of(guardrails)).build() + "}"))) {
            return Optional.of(new Route("r", 1, RouteSpec.parse(r.readObject(), m -> false), "api", Instant.EPOCH,
                    "key_admin"));
        }
    }

    private static List<String> names(List<GuardrailSet> sets) {
        return sets.stream().map(GuardrailSet::name).toList();
    }

    @Test
    void theTenantsThenTheKeysThenTheRoutesSetsApplyEachOnce() {
        GuardrailSets sets = sets(Map.of(Scope.tenant("acme"), List.of("a", "b"), Scope.key("key_1"), List.of("b", "c"),
                Scope.key("key_2"), List.of("x")), "fallback", "a", "b", "c", "d", "x", "fallback");
        assertThat(names(sets.applicable(CALLER, route("d", "a")))).containsExactly("a", "b", "c", "d");
        assertThat(names(sets.applicable(CALLER, Optional.empty()))).containsExactly("a", "b", "c");
    }

    @Test
    void theDefaultAppliesOnlyWhereNothingIsAttached() {
        GuardrailSets sets = sets(Map.of(), "fallback", "fallback", "d");
        assertThat(names(sets.applicable(CALLER, Optional.empty()))).containsExactly("fallback");
        assertThat(names(sets.applicable(CALLER, route("d")))).containsExactly("d");
        assertThat(sets(Map.of(), null).applicable(CALLER, Optional.empty())).isEmpty();
    }

    @Test
    void aNameWithoutASetIsRefusedRatherThanServedUnguarded() {
        GuardrailSets sets = sets(Map.of(Scope.key("key_1"), List.of("gone")), null, "other");
        assertThatThrownBy(() -> sets.applicable(CALLER, Optional.empty())).isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).problem()).isEqualTo(Problem.GUARDRAIL_UNAVAILABLE))
                .hasMessageContaining("'gone'");
        assertThatThrownBy(() -> sets(Map.of(), "typo").applicable(CALLER, Optional.empty()))
                .isInstanceOf(GatewayException.class).hasMessageContaining("'typo'");
    }
}
