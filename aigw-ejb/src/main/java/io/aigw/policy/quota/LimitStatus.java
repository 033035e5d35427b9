package io.aigw.policy.quota;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.List;

/**
 * A scope's limits with their current window across the servers: for each requests or tokens figure, what remains and
 * in how many seconds it is whole again (a figure no request has used yet is whole).
 */
public final class LimitStatus {

    private static final JsonProvider JSON = JsonProvider.provider();

    private LimitStatus() {
    }

    /** The document {@code GET .../limits} shows. */
    public static JsonObject of(Scope scope, LimitSpec spec, LimitCounters counters) {
        JsonObjectBuilder current = JSON.createObjectBuilder();
        JsonObjectBuilder byModel = JSON.createObjectBuilder();
        figures(current, scope, null, spec, counters);
        spec.models().forEach((model, limits) -> {
            JsonObjectBuilder m = JSON.createObjectBuilder();
            figures(m, scope, model, new LimitSpec(limits.requestsPerMinute(), limits.tokensPerMinute(), null, null,
                    spec.shadow()), counters);
            byModel.add(model, m);
        });
        return JSON.createObjectBuilder(spec.toJson()).add("scope", scope.toString())
                .add("current", current.add("models", byModel)).build();
    }

    private static void figures(JsonObjectBuilder out, Scope scope, String model, LimitSpec spec,
                                LimitCounters counters) {
        for (AppliedLimit.Kind kind : List.of(AppliedLimit.Kind.REQUESTS, AppliedLimit.Kind.TOKENS)) {
            Long value = kind == AppliedLimit.Kind.REQUESTS ? spec.requestsPerMinute() : spec.tokensPerMinute();
            if (value == null) {
                continue;
            }
            long remaining = counters.remainingNow(new AppliedLimit(scope, model, kind, value, spec.shadow(), false));
            // refilled at the figure per minute: whole again after (missing / figure) minutes
            long resetSeconds = ((value - remaining) * 60 + value - 1) / value;
            out.add(kind.wireName(), JSON.createObjectBuilder().add("limit", value).add("remaining", remaining)
                    .add("used", value - remaining).add("resets_in_seconds", resetSeconds));
        }
    }
}
