package io.aigw.policy.alert;

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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What an alert watches, as {@code PUT /admin/alerts/{name}} gives it (without its {@code webhook_url}, which
 * {@link WebhookUrl} checks): its kind, the kind's fields with their defaults, and the cooldown. Every mistake is a
 * 400 naming the field.
 *
 * @param kind     what is watched
 * @param cooldown how long one subject stays quiet after firing ({@code null} for budget alerts: each threshold
 *                 fires once per budget period)
 * @param budget   which budget thresholds are reported (budget alerts), else {@code null}
 * @param spike    when a spike fires (the other kinds), else {@code null}
 */
public record AlertSpec(AlertKind kind, Duration cooldown, BudgetMatch budget, SpikeRule spike) {

    /** The traffic the gateway keeps per series: a window and its baseline fit in it. */
    public static final int KEPT_MINUTES = 60;
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Duration DEFAULT_COOLDOWN = Duration.ofHours(1);
    private static final Duration MIN_COOLDOWN = Duration.ofMinutes(1);
    private static final Duration MAX_COOLDOWN = Duration.ofDays(7);
    private static final Set<String> BUDGET_FIELDS = Set.of("kind", "webhook_url", "scopes", "fractions");
    private static final Set<String> ERROR_RATE_FIELDS = Set.of("kind", "webhook_url", "cooldown", "threshold",
            "factor", "window", "baseline_windows", "min_requests", "model", "route", "key");
    private static final Set<String> LATENCY_FIELDS = Set.of("kind", "webhook_url", "cooldown", "statistic", "factor",
            "window", "baseline_windows", "min_requests", "model", "route", "key");
    private static final Set<String> USAGE_JUMP_FIELDS = Set.of("kind", "webhook_url", "cooldown", "measure",
            "factor", "window", "baseline_windows", "min_volume", "key");

    /** Reads and checks an alert's body (its {@code webhook_url} is only allowed here, not read). */
    public static AlertSpec parse(JsonObject json) {
        String kindName = SpecFields.string(json, "kind", "", null);
        if (kindName == null || kindName.isBlank()) {
            throw SpecFields.invalid("kind", "Missing required field 'kind'.");
        }
        AlertKind kind = AlertKind.of(kindName);
        if (kind == null) {
            throw SpecFields.invalid("kind", "Unknown kind '" + kindName + "'. Kinds are 'budget', 'error_rate', "
                    + "'latency' and 'usage_jump'.");
        }
        switch (kind) {
            case BUDGET:
                if (json.containsKey("cooldown")) {
                    throw SpecFields.invalid("cooldown", "'cooldown' does not apply to budget alerts: each threshold "
                            + "fires once per budget period.");
                }
                SpecFields.only(json, "", BUDGET_FIELDS);
                return new AlertSpec(kind, null, new BudgetMatch(scopes(json), fractions(json)), null);
            case ERROR_RATE: {
                SpecFields.only(json, "", ERROR_RATE_FIELDS);
                Double threshold = number(json, "threshold", 0, 1, "'threshold' must be a fraction above 0 and at "
                        + "most 1.");
                Double factor = factor(json, null);
                if (threshold == null && factor == null) {
                    throw SpecFields.invalid("threshold", "An error_rate alert needs 'threshold', 'factor' or both.");
                }
                return spike(json, kind, threshold, factor, whole(json, "min_requests", 20), null, null);
            }
            case LATENCY: {
                SpecFields.only(json, "", LATENCY_FIELDS);
                String statistic = oneOf(json, "statistic", "p95", "avg");
                return spike(json, kind, null, factor(json, 2.0), whole(json, "min_requests", 20), statistic, null);
            }
            default: {
                SpecFields.only(json, "", USAGE_JUMP_FIELDS);
                String measure = oneOf(json, "measure", "requests", "tokens");
                return spike(json, kind, null, factor(json, 3.0), whole(json, "min_volume", 100), null, measure);
            }
        }
    }

    private static AlertSpec spike(JsonObject json, AlertKind kind, Double threshold, Double factor, long minimum,
                                   String statistic, String measure) {
        Duration cooldown = duration(json, "cooldown", DEFAULT_COOLDOWN, MIN_COOLDOWN, MAX_COOLDOWN,
                "'cooldown' must be an ISO-8601 duration from PT1M to P7D, such as \"PT1H\".");
        Duration window = duration(json, "window", Duration.ofMinutes(5), Duration.ofMinutes(1),
                Duration.ofMinutes(KEPT_MINUTES / 2), "'window' must be an ISO-8601 duration of whole minutes from "
                        + "PT1M to PT30M, such as \"PT5M\".");
        if (window.toSecondsPart() != 0 || window.toMillisPart() != 0) {
            throw SpecFields.invalid("window", "'window' must be an ISO-8601 duration of whole minutes from PT1M to "
                    + "PT30M, such as \"PT5M\".");
        }
        int minutes = (int) window.toMinutes();
        Long baseline = SpecFields.positive(json, "baseline_windows", "", KEPT_MINUTES - 1);
        int windows = baseline == null ? Math.max(1, Math.min(6, KEPT_MINUTES / minutes - 1)) : baseline.intValue();
        if (minutes * (windows + 1) > KEPT_MINUTES) {
            throw SpecFields.invalid("baseline_windows", "'window' times ('baseline_windows' + 1) must be at most "
                    + KEPT_MINUTES + " minutes: the gateway keeps the last hour of traffic.");
        }
        String dimension = null;
        String value = null;
        for (String d : List.of("model", "route", "key")) {
            String v = SpecFields.string(json, d, "", null);
            if (v != null) {
                if (dimension != null) {
                    throw SpecFields.invalid(d, "Give at most one of 'model', 'route' and 'key'.");
                }
                if (v.isBlank() || v.length() > 300) {
                    throw SpecFields.invalid(d, "'" + d + "' must be a non-empty string of at most 300 characters.");
                }
                dimension = d;
                value = v;
            }
        }
        return new AlertSpec(kind, cooldown, null, new SpikeRule(threshold, factor, minutes, windows, minimum,
                dimension, value, statistic, measure));
    }

    /** The spec as the admin API shows it, defaults filled in. */
    public JsonObject toJson() {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("kind", kind.wireName());
        if (budget != null) {
            JsonArrayBuilder scopes = JSON.createArrayBuilder();
            budget.scopes().forEach(scopes::add);
            JsonArrayBuilder fractions = JSON.createArrayBuilder();
            budget.fractions().forEach(fractions::add);
            return b.add("scopes", scopes).add("fractions", fractions).build();
        }
        b.add("cooldown", cooldown.toString());
        if (spike.threshold() != null) {
            b.add("threshold", spike.threshold());
        }
        if (spike.factor() != null) {
            b.add("factor", spike.factor());
        }
        b.add("window", Duration.ofMinutes(spike.windowMinutes()).toString())
                .add("baseline_windows", spike.baselineWindows());
        if (spike.statistic() != null) {
            b.add("statistic", spike.statistic());
        }
        if (spike.measure() != null) {
            b.add("measure", spike.measure());
        }
        b.add(kind == AlertKind.USAGE_JUMP ? "min_volume" : "min_requests", spike.minimum());
        if (spike.dimension() != null) {
            b.add(spike.dimension(), spike.value());
        }
        return b.build();
    }

    private static List<String> scopes(JsonObject json) {
        JsonArray a = array(json, "scopes");
        List<String> out = new ArrayList<>();
        for (int i = 0; a != null && i < a.size(); i++) {
            String s = a.get(i) instanceof JsonString str ? str.getString() : "";
            boolean ok = s.equals("tenant") || s.equals("key")
                    || (s.startsWith("tenant:") || s.startsWith("key:")) && s.indexOf(':') < s.length() - 1
                    && s.length() <= 200;
            if (!ok) {
                throw SpecFields.invalid("scopes", "'scopes[" + i + "]' must be 'tenant', 'key', 'tenant:<id>' or "
                        + "'key:<id>'.");
            }
            out.add(s);
        }
        return out;
    }

    private static List<BigDecimal> fractions(JsonObject json) {
        JsonArray a = array(json, "fractions");
        List<BigDecimal> out = new ArrayList<>();
        for (int i = 0; a != null && i < a.size(); i++) {
            BigDecimal f = a.get(i) instanceof JsonNumber n ? n.bigDecimalValue() : null;
            if (f == null || f.signum() <= 0 || f.compareTo(BigDecimal.ONE) > 0) {
                throw SpecFields.invalid("fractions", "Each 'fractions' entry is a fraction above 0 and at most 1.");
            }
            out.add(f);
        }
        return out;
    }

    private static JsonArray array(JsonObject json, String field) {
        JsonValue v = json.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonArray a) || a.size() > 20) {
            throw SpecFields.invalid(field, "'" + field + "' must be an array of at most 20 entries.");
        }
        return a;
    }

    private static Double factor(JsonObject json, Double fallback) {
        Double f = number(json, "factor", 1, 1000, "'factor' must be a number above 1 and at most 1000.");
        return f == null ? fallback : f;
    }

    /** A number above {@code min} and at most {@code max}, or {@code null} when absent. */
    private static Double number(JsonObject json, String field, double min, double max, String message) {
        JsonValue v = json.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonNumber n) || n.doubleValue() <= min || n.doubleValue() > max) {
            throw SpecFields.invalid(field, message);
        }
        return n.doubleValue();
    }

    private static long whole(JsonObject json, String field, long fallback) {
        Long v = SpecFields.positive(json, field, "", 1_000_000_000L);
        return v == null ? fallback : v;
    }

    private static String oneOf(JsonObject json, String field, String first, String second) {
        String v = SpecFields.string(json, field, "", first);
        if (!v.equals(first) && !v.equals(second)) {
            throw SpecFields.invalid(field, "'" + field + "' must be '" + first + "' or '" + second + "'.");
        }
        return v;
    }

    private static Duration duration(JsonObject json, String field, Duration fallback, Duration min, Duration max,
                                     String message) {
        String v = SpecFields.string(json, field, "", null);
        if (v == null) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(v);
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw SpecFields.invalid(field, message);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw SpecFields.invalid(field, message);
        }
    }
}
