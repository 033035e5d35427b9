package io.aigw.jca.api;

import java.util.Objects;

/**
 * A complete tool call made by the model.
 *
 * @param id        the call id that the tool result refers to
 * @param name      the function name
 * @param arguments the arguments as a JSON text, exactly as the model produced it
 */
public record ToolCall(String id, String name, String arguments) {
    public ToolCall {
        Objects.requireNonNull(name, "name");
        arguments = arguments == null ? "" : arguments;
    }
}
