package io.aigw.jca.api;

import java.util.Map;
import java.util.Objects;

/**
 * The requested shape of the answer.
 *
 * @param type       {@code text}, {@code json_object} or {@code json_schema}
 * @param jsonSchema for {@code json_schema}, the schema definition object (name, schema, strict) as JSON-compatible values
 */
public record ResponseFormat(String type, Map<String, Object> jsonSchema) {
    public ResponseFormat {
        Objects.requireNonNull(type, "type");
    }
}
