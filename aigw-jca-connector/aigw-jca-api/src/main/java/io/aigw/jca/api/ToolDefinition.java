package io.aigw.jca.api;

import java.util.Map;
import java.util.Objects;

/**
 * A function the model may call.
 *
 * @param name        function name
 * @param description what it does, or {@code null}
 * @param parameters  its JSON Schema as JSON-compatible Java values (maps, lists, strings, numbers, booleans)
 * @param strict       whether the provider must follow the schema exactly, or {@code null} for the provider default
 * @param cacheControl  a prompt-caching breakpoint after this tool's definition, or {@code null}
 */
public record ToolDefinition(String name, String description, Map<String, Object> parameters, Boolean strict,
                             CacheControl cacheControl) {
    public ToolDefinition {
        Objects.requireNonNull(name, "name");
    }

    /** A tool without a caching breakpoint. */
    public ToolDefinition(String name, String description, Map<String, Object> parameters, Boolean strict) {
        this(name, description, parameters, strict, null);
    }
}
