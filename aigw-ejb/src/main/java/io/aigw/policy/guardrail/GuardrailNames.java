package io.aigw.policy.guardrail;

import io.aigw.policy.quota.SpecFields;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code "guardrails": ["pii-default", ...]} list that attaches sets to a tenant, a key or a route. Names are
 * checked for their form here; a name with no set behind it is refused when a request meets it (fail closed), so a
 * set can be attached before it is written.
 */
public final class GuardrailNames {

    public static final int MAX = 10;

    private GuardrailNames() {
    }

    /** The names in {@code value} ({@code null} or absent: none). */
    public static List<String> parse(JsonValue value, String field) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array) || array.size() > MAX) {
            throw SpecFields.invalid(field, "'" + field + "' must be an array of at most " + MAX
                    + " guardrail set names.");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonValue v : array) {
            if (!(v instanceof JsonString s) || !s.getString().matches(GuardrailSet.NAME_PATTERN)) {
                throw SpecFields.invalid(field, "'" + field + "' holds guardrail set names: 1 to 64 lowercase "
                        + "letters, digits, '.', '_' or '-'.");
            }
            out.add(s.getString());
        }
        return new ArrayList<>(out);
    }

    /** The names as a JSON array. */
    public static JsonArrayBuilder toJson(List<String> names) {
        JsonArrayBuilder a = JsonProvider.provider().createArrayBuilder();
        names.forEach(a::add);
        return a;
    }
}
