package io.aigw.policy.quota;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Set;

/**
 * Strict reading of the admin API's policy documents: unknown fields, wrong types and out-of-range numbers are 400s
 * naming the field, so a typo never silently leaves a limit or budget off.
 */
public final class SpecFields {

    private SpecFields() {
    }

    /** Refuses fields outside {@code known}. */
    public static void only(JsonObject json, String where, Set<String> known) {
        for (String name : json.keySet()) {
            if (!known.contains(name)) {
                throw invalid(where + name, "Unknown field '" + where + name + "'. Known fields: "
                        + String.join(", ", known.stream().sorted().toList()) + ".");
            }
        }
    }

    /** A whole number from 1 to {@code max}, or {@code null} when absent or null. */
    public static Long positive(JsonObject json, String field, String where, long max) {
        JsonValue v = json.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
            throw invalid(where + field, "'" + where + field + "' must be a whole number.");
        }
        BigDecimal d = n.bigDecimalValue();
        if (d.signum() <= 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw invalid(where + field, "'" + where + field + "' must be between 1 and " + max + ".");
        }
        return d.longValueExact();
    }

    /** A string, or {@code fallback} when absent or null. */
    public static String string(JsonObject json, String field, String where, String fallback) {
        JsonValue v = json.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return fallback;
        }
        if (!(v instanceof JsonString s)) {
            throw invalid(where + field, "'" + where + field + "' must be a string.");
        }
        return s.getString();
    }

    /** A non-negative decimal given as a string ({@code "0.15"}), never a binary floating-point number. */
    public static BigDecimal decimal(JsonObject json, String field, String where) {
        JsonValue v = json.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw invalid(where + field, "'" + where + field + "' must be a decimal string such as \"0.15\" "
                    + "(not a JSON number, which clients may round).");
        }
        try {
            BigDecimal d = new BigDecimal(s.getString());
            if (d.signum() < 0 || d.scale() > 9 || d.precision() - d.scale() > 12) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw invalid(where + field, "'" + where + field + "' must be a non-negative decimal with at most 12 "
                    + "digits before and 9 after the point.");
        }
    }

    public static GatewayException invalid(String param, String message) {
        return new GatewayException(Problem.INVALID_REQUEST, message, param, null, null);
    }
}
