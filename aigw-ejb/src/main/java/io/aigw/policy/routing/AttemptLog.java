package io.aigw.policy.routing;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/**
 * What routing did for one request, for the audit record's {@code details.route}: the route and version, then every
 * target in the order it was considered, skipped (with why) or tried (outcome, status, latency, breaker state).
 */
final class AttemptLog {

    private static final JsonProvider JSON = JsonProvider.provider();

    private final JsonObjectBuilder route;
    private final JsonArrayBuilder attempts = JSON.createArrayBuilder();

    AttemptLog(String name, int version, String source, String strategy) {
        route = JSON.createObjectBuilder().add("name", name).add("version", version).add("source", source)
                .add("strategy", strategy);
    }

    void skipped(String target, String reason) {
        attempts.add(JSON.createObjectBuilder().add("target", target).add("outcome", "skipped").add("reason", reason));
    }

    void tried(String target, String outcome, int status, long latencyMillis, String breaker, Long waitedMillis) {
        JsonObjectBuilder a = JSON.createObjectBuilder().add("target", target).add("outcome", outcome)
                .add("status", status).add("latency_ms", latencyMillis);
        if (breaker != null) {
            a.add("breaker", breaker);
        }
        if (waitedMillis != null) {
            a.add("waited_ms", waitedMillis);
        }
        attempts.add(a);
    }

    void note(String name, String value) {
        route.add(name, value);
    }

    JsonObject build(String servedBy) {
        if (servedBy != null) {
            route.add("served_by", servedBy);
        }
        return route.add("attempts", attempts).build();
    }
}
