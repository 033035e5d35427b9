package io.aigw.policy.route;

import io.aigw.policy.quota.SpecFields;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A route's definition, parsed strictly from its JSON document (unknown fields, wrong types and out-of-range values
 * are 400 naming the field) and written back in the same shape.
 *
 * @param strategy   how targets are ordered
 * @param targets    1 to {@value #MAX_TARGETS} targets
 * @param fallbackOn the failures that move on to the next target (and that are retried, when transient)
 * @param retry      retries of one target
 * @param breaker    the circuit breaker of each target, or {@code null} for none
 * @param sticky     {@code key}, {@code user} or {@code null}: the same caller keeps the same weighted target
 * @param cache      response caching
 * @param guardrails the guardrail sets every request on the route passes (with those of its key and tenant)
 */
public record RouteSpec(Strategy strategy, List<RouteTarget> targets, Set<FailureClass> fallbackOn, RetryPolicy retry,
                        BreakerSpec breaker, String sticky, CacheSpec cache, List<String> guardrails) {

    public static final int MAX_TARGETS = 20;
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Set<String> FIELDS = Set.of("strategy", "targets", "fallback_on", "retry", "circuit_breaker",
            "sticky", "cache", "guardrails");
    private static final Duration MAX_DURATION = Duration.ofDays(1);

    public RouteSpec {
        targets = List.copyOf(targets);
        fallbackOn = Set.copyOf(fallbackOn);
        guardrails = guardrails == null ? List.of() : List.copyOf(guardrails);
    }

    /** Parses a route document; {@code routeNames} tells which names are routes (a target may not be one). */
    public static RouteSpec parse(JsonObject json, java.util.function.Predicate<String> isRoute) {
        SpecFields.only(json, "", FIELDS);
        String s = SpecFields.string(json, "strategy", "", "priority");
        Strategy strategy = Strategy.of(s);
        if (strategy == null) {
            throw SpecFields.invalid("strategy", "'strategy' must be one of " + Strategy.names() + ".");
        }
        List<RouteTarget> targets = targets(json.get("targets"), isRoute);
        if (strategy == Strategy.WEIGHTED && targets.stream().allMatch(t -> t.weight() == 0)) {
            throw SpecFields.invalid("targets", "A weighted route needs at least one target with a weight above 0.");
        }
        String sticky = SpecFields.string(json, "sticky", "", null);
        if (sticky != null && !sticky.equals("key") && !sticky.equals("user")) {
            throw SpecFields.invalid("sticky", "'sticky' must be \"key\", \"user\" or null.");
        }
        return new RouteSpec(strategy, targets, fallbackOn(json.get("fallback_on")), retry(json.get("retry")),
                breaker(json.get("circuit_breaker")), sticky, cache(json.get("cache")),
                io.aigw.policy.guardrail.GuardrailNames.parse(json.get("guardrails"), "guardrails"));
    }

    private static List<RouteTarget> targets(JsonValue v, java.util.function.Predicate<String> isRoute) {
        if (!(v instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_TARGETS) {
            throw SpecFields.invalid("targets", "'targets' must be an array of 1 to " + MAX_TARGETS + " targets.");
        }
        List<RouteTarget> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String where = "targets[" + i + "].";
            if (!(array.get(i) instanceof JsonObject t)) {
                throw SpecFields.invalid("targets[" + i + "]", "Each target must be an object with a 'model'.");
            }
            SpecFields.only(t, where, Set.of("model", "weight", "priority", "retire_at"));
            String model = SpecFields.string(t, "model", where, null);
            if (model == null || model.isBlank() || model.length() > 300) {
                throw SpecFields.invalid(where + "model", "'" + where + "model' (1 to 300 characters) names the "
                        + "target's model, e.g. \"openai/gpt-4o-mini\".");
            }
            if (isRoute.test(model)) {
                throw SpecFields.invalid(where + "model", "'" + model + "' is a route; a target must be a model.");
            }
            if (!seen.add(model)) {
                throw SpecFields.invalid(where + "model", "The model '" + model + "' is a target twice.");
            }
            out.add(new RouteTarget(model, whole(t, "weight", where, 0, 100_000, 1),
                    whole(t, "priority", where, 1, 1000, 1), instant(t, "retire_at", where)));
        }
        return out;
    }

    private static Set<FailureClass> fallbackOn(JsonValue v) {
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return FailureClass.DEFAULT_FALLBACK;
        }
        if (!(v instanceof JsonArray array)) {
            throw SpecFields.invalid("fallback_on", "'fallback_on' must be an array of " + FailureClass.names() + ".");
        }
        Set<FailureClass> out = EnumSet.noneOf(FailureClass.class);
        for (JsonValue e : array) {
            FailureClass c = e instanceof JsonString str ? FailureClass.of(str.getString()) : null;
            if (c == null) {
                throw SpecFields.invalid("fallback_on", "'fallback_on' may hold only " + FailureClass.names() + ".");
            }
            out.add(c);
        }
        return out;
    }

    private static RetryPolicy retry(JsonValue v) {
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return RetryPolicy.NONE;
        }
        JsonObject r = object(v, "retry");
        SpecFields.only(r, "retry.", Set.of("max_attempts", "backoff", "honor_retry_after_up_to"));
        return new RetryPolicy(whole(r, "max_attempts", "retry.", 1, 5, 1),
                duration(r, "backoff", "retry.", RetryPolicy.NONE.backoff(), Duration.ZERO),
                duration(r, "honor_retry_after_up_to", "retry.", RetryPolicy.NONE.honorRetryAfterUpTo(),
                        Duration.ZERO));
    }

    private static BreakerSpec breaker(JsonValue v) {
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        JsonObject b = object(v, "circuit_breaker");
        String where = "circuit_breaker.";
        SpecFields.only(b, where, Set.of("failure_ratio", "min_requests", "window", "open_for"));
        double ratio = 0.5;
        JsonValue r = b.get("failure_ratio");
        if (r != null && r.getValueType() != JsonValue.ValueType.NULL) {
            if (!(r instanceof JsonNumber n) || n.doubleValue() <= 0 || n.doubleValue() > 1) {
                throw SpecFields.invalid(where + "failure_ratio", "'" + where + "failure_ratio' must be a number "
                        + "above 0 and at most 1.");
            }
            ratio = n.doubleValue();
        }
        return new BreakerSpec(ratio, whole(b, "min_requests", where, 1, 10_000, 10),
                duration(b, "window", where, Duration.ofSeconds(30), Duration.ofSeconds(1)),
                duration(b, "open_for", where, Duration.ofSeconds(30), Duration.ofMillis(100)));
    }

    private static CacheSpec cache(JsonValue v) {
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return CacheSpec.OFF;
        }
        JsonObject c = object(v, "cache");
        SpecFields.only(c, "cache.", Set.of("mode", "ttl", "similarity"));
        String mode = SpecFields.string(c, "mode", "cache.", "off");
        if (!Set.of("off", "exact", "semantic").contains(mode)) {
            throw SpecFields.invalid("cache.mode", "'cache.mode' must be \"off\", \"exact\" or \"semantic\".");
        }
        double similarity = CacheSpec.OFF.similarity();
        JsonValue s = c.get("similarity");
        if (s != null && s.getValueType() != JsonValue.ValueType.NULL) {
            if (!(s instanceof JsonNumber n) || n.doubleValue() < 0.5 || n.doubleValue() > 1) {
                throw SpecFields.invalid("cache.similarity", "'cache.similarity' must be a number from 0.5 to 1.");
            }
            similarity = n.doubleValue();
        }
        return new CacheSpec(mode, duration(c, "ttl", "cache.", CacheSpec.OFF.ttl(), Duration.ofSeconds(1)),
                similarity);
    }

    private static JsonObject object(JsonValue v, String field) {
        if (!(v instanceof JsonObject o)) {
            throw SpecFields.invalid(field, "'" + field + "' must be an object or null.");
        }
        return o;
    }

    private static int whole(JsonObject json, String field, String where, int min, int max, int fallback) {
        JsonValue v = json.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return fallback;
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.bigDecimalValue().compareTo(BigDecimal.valueOf(min)) < 0
                || n.bigDecimalValue().compareTo(BigDecimal.valueOf(max)) > 0) {
            throw SpecFields.invalid(where + field, "'" + where + field + "' must be a whole number from " + min
                    + " to " + max + ".");
        }
        return n.intValue();
    }

    private static Duration duration(JsonObject json, String field, String where, Duration fallback, Duration min) {
        String s = SpecFields.string(json, field, where, null);
        if (s == null) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(s);
            if (d.compareTo(min) >= 0 && d.compareTo(MAX_DURATION) <= 0) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw SpecFields.invalid(where + field, "'" + where + field + "' must be an ISO-8601 duration from " + min
                + " to P1D, such as \"PT0.2S\".");
    }

    private static Instant instant(JsonObject json, String field, String where) {
        String s = SpecFields.string(json, field, where, null);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw SpecFields.invalid(where + field, "'" + where + field + "' must be an RFC 3339 time such as "
                    + "\"2027-01-01T00:00:00Z\".");
        }
    }

    /** The definition as a document, every default spelled out. */
    public JsonObject toJson() {
        JsonArrayBuilder ts = JSON.createArrayBuilder();
        for (RouteTarget t : targets) {
            JsonObjectBuilder o = JSON.createObjectBuilder().add("model", t.model()).add("weight", t.weight())
                    .add("priority", t.priority());
            if (t.retireAt() != null) {
                o.add("retire_at", t.retireAt().toString());
            }
            ts.add(o);
        }
        JsonArrayBuilder fb = JSON.createArrayBuilder();
        for (FailureClass c : FailureClass.values()) {
            if (fallbackOn.contains(c)) {
                fb.add(c.wireName());
            }
        }
        JsonObjectBuilder out = JSON.createObjectBuilder().add("strategy", strategy.wireName()).add("targets", ts)
                .add("fallback_on", fb)
                .add("retry", JSON.createObjectBuilder().add("max_attempts", retry.maxAttempts())
                        .add("backoff", retry.backoff().toString())
                        .add("honor_retry_after_up_to", retry.honorRetryAfterUpTo().toString()));
        if (breaker == null) {
            out.addNull("circuit_breaker");
        } else {
            out.add("circuit_breaker", JSON.createObjectBuilder().add("failure_ratio", breaker.failureRatio())
                    .add("min_requests", breaker.minRequests()).add("window", breaker.window().toString())
                    .add("open_for", breaker.openFor().toString()));
        }
        if (sticky == null) {
            out.addNull("sticky");
        } else {
            out.add("sticky", sticky);
        }
        return out.add("cache", JSON.createObjectBuilder().add("mode", cache.mode()).add("ttl", cache.ttl().toString())
                .add("similarity", cache.similarity()))
                .add("guardrails", io.aigw.policy.guardrail.GuardrailNames.toJson(guardrails)).build();
    }
}
