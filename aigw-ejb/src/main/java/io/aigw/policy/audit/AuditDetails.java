package io.aigw.policy.audit;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/**
 * An event's {@code details} document: JSON that later features extend (attempts, limit and guardrail decisions)
 * without schema changes; at most {@value #MAX} characters, or a note that it was cut.
 */
final class AuditDetails {

    static final int MAX = 16000;
    private static final JsonProvider JSON = JsonProvider.provider();

    private AuditDetails() {
    }

    static JsonObjectBuilder object() {
        return JSON.createObjectBuilder();
    }

    static jakarta.json.JsonArrayBuilder array() {
        return JSON.createArrayBuilder();
    }

    /** The document as text, or a note of its size if it does not fit the column. */
    static String fit(JsonObject details) {
        String text = details.toString();
        if (text.length() <= MAX) {
            return AuditValues.fit(text, MAX);
        }
        return object().add("truncated", true).add("length", text.length()).build().toString();
    }
}
