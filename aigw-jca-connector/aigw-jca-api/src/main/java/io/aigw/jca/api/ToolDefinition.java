package io.aigw.jca.api;

import java.util.Map;
import java.util.Objects;

/**
 * A function the model may call.
 *
 * @param name        function name
 * @param description what it does, or {@code null}
 * @param parameters  its JSON Schema as JSON-compatible Java values (maps, lists, strings, numbers, booleans)
 * @param strict      whether the provider must follow the schema exactly, or {@code null} for the provider default
 */
public record ToolDefinition(String name, String description, Map<String, Object> parameters, Boolean strict) {
    public ToolDefinition {
        Objects.requireNonNull(name, "name");
    }
}
