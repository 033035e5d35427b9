package io.aigw.policy.quota;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.List;

/**
 * A scope's limits with this server's current window: for each requests or tokens figure, what remains and in how many
 * seconds it is whole again (a figure no request has used yet is whole).
 */
public final class LimitStatus {

    private static final JsonProvider JSON = JsonProvider.provider();

    private LimitStatus() {
    }

    /** The document {@code GET .../limits} shows. */
    public static JsonObject of(Scope scope, LimitSpec spec, LimitCounters counters, long now) {
        JsonObjectBuilder current = JSON.createObjectBuilder();
        JsonObjectBuilder byModel = JSON.createObjectBuilder();
        figures(current, scope, null, spec, counters, now);
        spec.models().forEach((model, limits) -> {
            JsonObjectBuilder m = JSON.createObjectBuilder();
            figures(m, scope, model, new LimitSpec(limits.requestsPerMinute(), limits.tokensPerMinute(), null, null,
                    spec.shadow()), counters, now);
            byModel.add(model, m);
        });
        return JSON.createObjectBuilder(spec.toJson()).add("scope", scope.toString())
                .add("current", current.add("models", byModel)).build();
    }

    private static void figures(JsonObjectBuilder out, Scope scope, String model, LimitSpec spec,
                                LimitCounters counters, long now) {
        for (AppliedLimit.Kind kind : List.of(AppliedLimit.Kind.REQUESTS, AppliedLimit.Kind.TOKENS)) {
            Long value = kind == AppliedLimit.Kind.REQUESTS ? spec.requestsPerMinute() : spec.tokensPerMinute();
            if (value == null) {
                continue;
            }
            RateCounter b = counters.peek(new AppliedLimit(scope, model, kind, value, spec.shadow(), false));
            long remaining = b == null ? value : b.remaining(now);
            long resetSeconds = b == null ? 0 : (b.nanosUntilFull(now) + 999_999_999) / 1_000_000_000;
            out.add(kind.wireName(), JSON.createObjectBuilder().add("limit", value).add("remaining", remaining)
                    .add("used", value - remaining).add("resets_in_seconds", resetSeconds));
        }
    }
}
