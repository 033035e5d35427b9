package io.aigw.policy.quota;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's or key's limits, as {@code PUT .../limits} takes them; every figure optional.
 *
 * @param requestsPerMinute  requests per minute (token bucket, burst equal to the figure)
 * @param tokensPerMinute    tokens per minute (input estimate plus output reservation before, real usage after)
 * @param concurrentRequests requests in flight at once
 * @param models             per-model limits by model name or pattern ({@code *} wildcards)
 * @param shadow             {@code true}: decisions are recorded ("would have refused") but never enforced
 */
public record LimitSpec(Long requestsPerMinute, Long tokensPerMinute, Long concurrentRequests,
                        Map<String, LimitSpec> models, boolean shadow) {

    static final long MAX = 1_000_000_000L;
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Set<String> FIELDS = Set.of("requests_per_minute", "tokens_per_minute",
            "concurrent_requests", "models", "mode");
    private static final Set<String> MODEL_FIELDS = Set.of("requests_per_minute", "tokens_per_minute");

    public LimitSpec {
        models = models == null ? Map.of() : Map.copyOf(models);
    }

    /** Whether it limits nothing at all. */
    public boolean isEmpty() {
        return requestsPerMinute == null && tokensPerMinute == null && concurrentRequests == null && models.isEmpty();
    }

    /** Reads and checks a document; a 400 names the offending field. */
    public static LimitSpec parse(JsonObject json) {
        SpecFields.only(json, "", FIELDS);
        String mode = SpecFields.string(json, "mode", "", "enforce");
        if (!mode.equals("enforce") && !mode.equals("shadow")) {
            throw SpecFields.invalid("mode", "'mode' must be 'enforce' or 'shadow'.");
        }
        Map<String, LimitSpec> models = new LinkedHashMap<>();
        JsonValue m = json.get("models");
        if (m != null && m.getValueType() != JsonValue.ValueType.NULL) {
            if (!(m instanceof JsonObject byModel)) {
                throw SpecFields.invalid("models", "'models' must be an object keyed by model name.");
            }
            for (Map.Entry<String, JsonValue> e : byModel.entrySet()) {
                String where = "models." + e.getKey() + ".";
                if (e.getKey().isBlank() || e.getKey().length() > 300) {
                    throw SpecFields.invalid("models", "Model names in 'models' have 1 to 300 characters.");
                }
                if (!(e.getValue() instanceof JsonObject limits)) {
                    throw SpecFields.invalid(where, "'" + where + "' must be an object.");
                }
                SpecFields.only(limits, where, MODEL_FIELDS);
                models.put(e.getKey(), new LimitSpec(SpecFields.positive(limits, "requests_per_minute", where, MAX),
                        SpecFields.positive(limits, "tokens_per_minute", where, MAX), null, null, false));
            }
        }
        return new LimitSpec(SpecFields.positive(json, "requests_per_minute", "", MAX),
                SpecFields.positive(json, "tokens_per_minute", "", MAX),
                SpecFields.positive(json, "concurrent_requests", "", 1_000_000), models, mode.equals("shadow"));
    }

    /** The document form (what is stored and shown). */
    public JsonObject toJson() {
        JsonObjectBuilder b = figures(this);
        JsonObjectBuilder byModel = JSON.createObjectBuilder();
        models.forEach((name, limits) -> byModel.add(name, figures(limits)));
        if (concurrentRequests != null) {
            b.add("concurrent_requests", concurrentRequests);
        }
        return b.add("models", byModel).add("mode", shadow ? "shadow" : "enforce").build();
    }

    private static JsonObjectBuilder figures(LimitSpec s) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        if (s.requestsPerMinute() != null) {
            b.add("requests_per_minute", s.requestsPerMinute());
        }
        if (s.tokensPerMinute() != null) {
            b.add("tokens_per_minute", s.tokensPerMinute());
        }
        return b;
    }
}
