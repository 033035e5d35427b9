package io.aigw.policy.guardrail;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;

/**
 * A named guardrail set in force.
 *
 * @param name      its name
 * @param spec      its rules
 * @param changedAt when it was last changed
 * @param changedBy the key that changed it
 */
public record GuardrailSet(String name, GuardrailSpec spec, Instant changedAt, String changedBy) {

    /** Names of sets: 1 to 64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit. */
    public static final String NAME_PATTERN = "[a-z0-9][a-z0-9._-]{0,63}";

    /** The set as the admin API shows it. */
    public JsonObject toJson() {
        JsonObject rules = spec.toJson();
        return JsonProvider.provider().createObjectBuilder().add("name", name).add("input", rules.get("input"))
                .add("output", rules.get("output")).add("changed_at", changedAt.toString())
                .add("changed_by", changedBy).build();
    }
}
