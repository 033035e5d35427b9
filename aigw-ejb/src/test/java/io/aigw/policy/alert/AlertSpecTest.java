package io.aigw.policy.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.quota.Scope;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@code PUT /admin/alerts/{name}} accepts, its defaults, and the exact 400 of each mistake. */
class AlertSpecTest {

    @Test
    void aBudgetAlertReportsEveryBudgetAndFractionUnlessNarrowed() {
        AlertSpec all = AlertSpec.parse(json("{\"kind\":\"budget\",\"webhook_url\":\"https://x.example/\"}"));
        assertThat(all.kind()).isEqualTo(AlertKind.BUDGET);
        assertThat(all.cooldown()).isNull();
        assertThat(all.budget().matches(Scope.tenant("acme"), new BigDecimal("0.5"))).isTrue();
        assertThat(all.budget().matches(Scope.key("k1"), new BigDecimal("0.9"))).isTrue();

        AlertSpec narrow = AlertSpec.parse(json("{\"kind\":\"budget\",\"scopes\":[\"tenant\",\"key:k1\"],"
                + "\"fractions\":[0.9]}"));
        assertThat(narrow.budget().matches(Scope.tenant("acme"), new BigDecimal("0.90"))).isTrue();
        assertThat(narrow.budget().matches(Scope.tenant("acme"), new BigDecimal("0.5"))).isFalse();
        assertThat(narrow.budget().matches(Scope.key("k1"), new BigDecimal("0.9"))).isTrue();
        assertThat(narrow.budget().matches(Scope.key("k2"), new BigDecimal("0.9"))).isFalse();
        assertThat(narrow.toJson().toString()).isEqualTo("{\"kind\":\"budget\",\"scopes\":[\"tenant\",\"key:k1\"],"
                + "\"fractions\":[0.9]}");
    }

    @Test
    void spikeAlertsFillTheirDefaultsAndReadBackTheSame() {
        AlertSpec errors = AlertSpec.parse(json("{\"kind\":\"error_rate\",\"threshold\":0.1,\"model\":\"openai/gpt-4o\"}"));
        assertThat(errors.cooldown()).isEqualTo(Duration.ofHours(1));
        assertThat(errors.spike()).isEqualTo(new SpikeRule(0.1, null, 5, 6, 20, "model", "openai/gpt-4o", null, null));
        assertThat(errors.spike().series()).isEqualTo("model:openai/gpt-4o");
        assertThat(AlertSpec.parse(errors.toJson())).isEqualTo(errors);

        AlertSpec latency = AlertSpec.parse(json("{\"kind\":\"latency\",\"window\":\"PT10M\",\"cooldown\":\"PT30M\"}"));
        assertThat(latency.spike()).isEqualTo(new SpikeRule(null, 2.0, 10, 5, 20, null, null, "p95", null));
        assertThat(latency.spike().series()).isEqualTo("all");
        assertThat(AlertSpec.parse(latency.toJson())).isEqualTo(latency);

        AlertSpec usage = AlertSpec.parse(json("{\"kind\":\"usage_jump\",\"measure\":\"tokens\",\"window\":\"PT30M\"}"));
        assertThat(usage.spike()).isEqualTo(new SpikeRule(null, 3.0, 30, 1, 100, null, null, null, "tokens"));
        assertThat(usage.toJson().toString()).isEqualTo("{\"kind\":\"usage_jump\",\"cooldown\":\"PT1H\",\"factor\":3.0,"
                + "\"window\":\"PT30M\",\"baseline_windows\":1,\"measure\":\"tokens\",\"min_volume\":100}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}|kind|Missing required field 'kind'.",
        "{\"kind\":\"cpu\"}|kind|Unknown kind 'cpu'. Kinds are 'budget', 'error_rate', 'latency' and 'usage_jump'.",
        "{\"kind\":\"budget\",\"cooldown\":\"PT1H\"}|cooldown|'cooldown' does not apply to budget alerts: each "
            + "threshold fires once per budget period.",
        "{\"kind\":\"budget\",\"model\":\"m\"}|model|Unknown field 'model'. Known fields: fractions, kind, scopes, "
            + "webhook_url.",
        "{\"kind\":\"budget\",\"scopes\":[\"team\"]}|scopes|'scopes[0]' must be 'tenant', 'key', 'tenant:<id>' or "
            + "'key:<id>'.",
        "{\"kind\":\"budget\",\"fractions\":[1.5]}|fractions|Each 'fractions' entry is a fraction above 0 and at most 1.",
        "{\"kind\":\"error_rate\"}|threshold|An error_rate alert needs 'threshold', 'factor' or both.",
        "{\"kind\":\"error_rate\",\"threshold\":0}|threshold|'threshold' must be a fraction above 0 and at most 1.",
        "{\"kind\":\"error_rate\",\"factor\":1}|factor|'factor' must be a number above 1 and at most 1000.",
        "{\"kind\":\"latency\",\"window\":\"PT90S\"}|window|'window' must be an ISO-8601 duration of whole minutes from "
            + "PT1M to PT30M, such as \"PT5M\".",
        "{\"kind\":\"latency\",\"window\":\"PT2H\"}|window|'window' must be an ISO-8601 duration of whole minutes from "
            + "PT1M to PT30M, such as \"PT5M\".",
        "{\"kind\":\"latency\",\"window\":\"PT10M\",\"baseline_windows\":6}|baseline_windows|'window' times "
            + "('baseline_windows' + 1) must be at most 60 minutes: the gateway keeps the last hour of traffic.",
        "{\"kind\":\"latency\",\"statistic\":\"p99\"}|statistic|'statistic' must be 'p95' or 'avg'.",
        "{\"kind\":\"latency\",\"cooldown\":\"PT10S\"}|cooldown|'cooldown' must be an ISO-8601 duration from PT1M to "
            + "P7D, such as \"PT1H\".",
        "{\"kind\":\"error_rate\",\"factor\":2,\"model\":\"m\",\"key\":\"k\"}|key|Give at most one of 'model', 'route' "
            + "and 'key'.",
        "{\"kind\":\"usage_jump\",\"model\":\"m\"}|model|Unknown field 'model'. Known fields: baseline_windows, "
            + "cooldown, factor, key, kind, measure, min_volume, webhook_url, window.",
        "{\"kind\":\"usage_jump\",\"measure\":\"bytes\"}|measure|'measure' must be 'requests' or 'tokens'.",
        "{\"kind\":\"usage_jump\",\"min_volume\":0}|min_volume|'min_volume' must be between 1 and 1000000000."
    })
    void eachMistakeIsA400NamingItsField(String body, String param, String message) {
        assertThatThrownBy(() -> AlertSpec.parse(json(body))).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.problem()).isEqualTo(Problem.INVALID_REQUEST);
            assertThat(e.param()).isEqualTo(param);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private static JsonObject json(String text) {
        try (var r = Json.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }
}
