package io.aigw.codec.gemini;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonJava;
import io.aigw.codec.json.Jsonp;
import io.aigw.jca.api.ToolDefinition;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;

/**
 * Neutral tools as one Gemini {@code functionDeclarations} tool, their JSON Schema passed as
 * {@code parametersJsonSchema}; the neutral tool choice as {@code toolConfig.functionCallingConfig}: {@code auto} is
 * {@code AUTO}, {@code none} {@code NONE}, {@code required} {@code ANY}, a named function {@code ANY} limited to it.
 */
final class GeminiTools {

    private GeminiTools() {
    }

    static void encode(List<ToolDefinition> tools, Object toolChoice, JsonObjectBuilder body) {
        if (!tools.isEmpty()) {
            JsonArrayBuilder declarations = Jsonp.createArrayBuilder();
            for (ToolDefinition t : tools) {
                JsonObjectBuilder fn = Jsonp.createObjectBuilder().add("name", t.name());
                if (t.description() != null) {
                    fn.add("description", t.description());
                }
                if (t.parameters() != null) {
                    fn.add("parametersJsonSchema", JsonJava.toJson(t.parameters()));
                }
                declarations.add(fn);
            }
            body.add("tools", Jsonp.createArrayBuilder()
                    .add(Jsonp.createObjectBuilder().add("functionDeclarations", declarations)));
        }
        if (toolChoice != null && !tools.isEmpty()) {
            body.add("toolConfig", Jsonp.createObjectBuilder().add("functionCallingConfig", callingConfig(toolChoice)));
        }
    }

    private static JsonObjectBuilder callingConfig(Object choice) {
        JsonObjectBuilder config = Jsonp.createObjectBuilder();
        if (choice instanceof String s) {
            return switch (s) {
                case "auto" -> config.add("mode", "AUTO");
                case "none" -> config.add("mode", "NONE");
                case "required" -> config.add("mode", "ANY");
                default -> throw new InvalidMessageException("Invalid 'tool_choice': '" + s
                        + "'. Supported values are 'auto', 'none', 'required' or a named function.", "tool_choice");
            };
        }
        if (choice instanceof Map<?, ?> m && m.get("function") instanceof Map<?, ?> fn && fn.get("name") != null) {
            return config.add("mode", "ANY")
                    .add("allowedFunctionNames", Jsonp.createArrayBuilder().add(String.valueOf(fn.get("name"))));
        }
        throw new GeminiUnsupportedException("This 'tool_choice' is not supported by Gemini models.", "tool_choice");
    }
}
