package io.aigw.policy.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.policy.audit.NodeIdentity;
import io.aigw.policy.config.GatewayClock;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The evaluator on a clock the test moves: traffic recorded minute by minute, alerts judged when the clock says, each
 * spike sent with its event type, data and claim (the alert's cooldown, per series or key).
 */
class AlertEvaluatorTest {

    private static final Instant START = Instant.parse("2026-12-04T09:00:00Z");

    private final List<Object[]> sent = new CopyOnWriteArrayList<>();
    private Instant now = START;
    private final AlertEvaluator evaluator = new AlertEvaluator();
    private final TrafficRecorder traffic = new TrafficRecorder();
    private List<Alert> alerts = List.of();

    @BeforeEach
    void wire() {
        GatewayClock clock = new GatewayClock() {
            @Override
            public Instant now() {
                return now;
            }
        };
        traffic.clock = clock;
        traffic.configure(100, minute(START));
        evaluator.clock = clock;
        evaluator.traffic = traffic;
        evaluator.catalog = new AlertCatalog() {
            @Override
            public List<Alert> all() {
                return alerts;
            }
        };
        evaluator.dispatcher = new WebhookDispatcher() {
            @Override
            public Optional<WebhookMessage> send(Alert alert, String type, JsonObject data, String tenant, Claim claim) {
                sent.add(new Object[]{alert.name(), type, data, claim});
                return Optional.empty();
            }
        };
        evaluator.claims = new AlertClaims() {
            @Override
            public void purge(Instant before) {
            }
        };
        evaluator.node = new NodeIdentity() {
            @Override
            public String id() {
                return "node-a";
            }
        };
    }

    @Test
    void aModelsErrorSpikeIsSentWithItsFiguresOnceItsWindowIsOver() {
        alerts = List.of(alert("model-errors", "{\"kind\":\"error_rate\",\"factor\":4,\"window\":\"PT2M\","
                + "\"baseline_windows\":5,\"min_requests\":10,\"model\":\"openai/gpt-4o\",\"cooldown\":\"PT15M\"}"));
        for (int m = 0; m < 10; m++) {
            minute(m, "openai/gpt-4o", "k1", 20, 1, 300);          // 5 % failing
            minute(m, "openai/other", "k1", 20, 20, 300);          // another model failing all along
        }
        minute(10, "openai/gpt-4o", "k1", 20, 10, 300);
        minute(11, "openai/gpt-4o", "k1", 20, 6, 300);             // 16 of 40: 40 %, eight times 5 %
        at(11, 30);
        evaluator.evaluate();
        assertThat(sent).as("minute 11 is not over").isEmpty();
        at(12, 1);
        evaluator.evaluate();
        assertThat(sent).hasSize(1);
        Object[] s = sent.get(0);
        assertThat(s[0]).isEqualTo("model-errors");
        assertThat(s[1]).isEqualTo("aigw.alert.error_rate");
        assertThat(s[2].toString()).isEqualTo("{\"alert\":\"model-errors\",\"series\":\"model:openai/gpt-4o\","
                + "\"window\":\"PT2M\",\"window_start\":\"2026-12-04T09:10:00Z\",\"window_end\":\"2026-12-04T09:12:00Z\","
                + "\"baseline_windows\":5,\"requests\":40,\"node\":\"node-a\",\"errors\":16,\"error_rate\":0.4,"
                + "\"baseline_error_rate\":0.05,\"factor\":4.0}");
        assertThat(s[3]).isEqualTo(new WebhookDispatcher.Claim("model:openai/gpt-4o", Duration.ofMinutes(15)));
    }

    @Test
    void everyKeyIsJudgedOnItsOwnForAUsageJump() {
        alerts = List.of(alert("jumps", "{\"kind\":\"usage_jump\",\"window\":\"PT5M\",\"baseline_windows\":2,"
                + "\"min_volume\":50}"));
        for (int m = 0; m < 10; m++) {
            minute(m, "openai/gpt-4o", "steady", 10, 0, 100);
            minute(m, "openai/gpt-4o", "jumpy", 2, 0, 100);
        }
        for (int m = 10; m < 15; m++) {
            minute(m, "openai/gpt-4o", "steady", 10, 0, 100);
            minute(m, "openai/gpt-4o", "jumpy", 12, 0, 100);       // 60 against 10 per window
        }
        at(15, 0);
        evaluator.evaluate();
        assertThat(sent).hasSize(1);
        JsonObject data = (JsonObject) sent.get(0)[2];
        assertThat(data.getString("series")).isEqualTo("key:jumpy");
        assertThat(data.getString("measure")).isEqualTo("requests");
        assertThat(data.getJsonNumber("value").doubleValue()).isEqualTo(60.0);
        assertThat(data.getJsonNumber("baseline").doubleValue()).isEqualTo(10.0);
        assertThat(sent.get(0)[3]).isEqualTo(new WebhookDispatcher.Claim("key:jumpy", Duration.ofHours(1)));
    }

    @Test
    void budgetAlertsAreNotEvaluatedHereAndABrokenAlertDoesNotStopTheOthers() {
        alerts = List.of(alert("budget", "{\"kind\":\"budget\"}"), new Alert("broken", null, null, null),
                alert("latency", "{\"kind\":\"latency\",\"statistic\":\"avg\",\"factor\":3,\"window\":\"PT1M\","
                        + "\"baseline_windows\":3,\"min_requests\":5}"));
        for (int m = 0; m < 3; m++) {
            minute(m, "openai/gpt-4o", "k1", 10, 0, 100);
        }
        minute(3, "openai/gpt-4o", "k1", 10, 0, 400);
        at(4, 0);
        evaluator.evaluate();
        assertThat(sent).extracting(s -> s[1]).containsExactly("aigw.alert.latency");
    }

    private void minute(int m, String model, String key, int requests, int failing, long latencyMs) {
        for (int i = 0; i < requests; i++) {
            traffic.record(minute(START) + m, model, null, key, i < failing, latencyMs, 10);
        }
    }

    private void at(int minutes, int seconds) {
        now = START.plusSeconds(minutes * 60L + seconds);
    }

    private static long minute(Instant at) {
        return at.toEpochMilli() / 60_000;
    }

    private static Alert alert(String name, String spec) {
        try (var r = Json.createReader(new StringReader(spec))) {
            return new Alert(name, AlertSpec.parse(r.readObject()), WebhookUrl.stored("https://hooks.example/x"),
                    "sealed");
        }
    }
}
