package io.aigw.codec.bedrock;

import io.aigw.codec.json.JsonJava;
import io.aigw.codec.json.Jsonp;
import io.aigw.jca.api.ToolDefinition;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;

/**
 * The Converse {@code toolConfig}: each tool as a {@code toolSpec} with its JSON Schema under
 * {@code inputSchema.json}, and the neutral (OpenAI-form) tool choice as {@code {"auto":{}}}, {@code {"any":{}}}
 * ({@code required}) or {@code {"tool":{"name":...}}}. Converse has no "none": that choice sends no tools at all.
 */
final class BedrockTools {

    private BedrockTools() {
    }

    /** The tool configuration, or {@code null} when no tools are to be sent. */
    static JsonObject toolConfig(List<ToolDefinition> tools, Object choice) {
        if (tools.isEmpty() || "none".equals(choice)) {
            return null;
        }
        JsonArrayBuilder specs = Jsonp.createArrayBuilder();
        for (ToolDefinition t : tools) {
            JsonObjectBuilder spec = Jsonp.createObjectBuilder().add("name", t.name());
            if (t.description() != null && !t.description().isEmpty()) {
                spec.add("description", t.description());
            }
            spec.add("inputSchema", Jsonp.createObjectBuilder().add("json", t.parameters() == null
                    ? Jsonp.createObjectBuilder().add("type", "object").build() : JsonJava.toJson(t.parameters())));
            specs.add(Jsonp.createObjectBuilder().add("toolSpec", spec));
            if (t.cacheControl() != null) {
                specs.add(BedrockMessages.CACHE_POINT);
            }
        }
        JsonObjectBuilder config = Jsonp.createObjectBuilder().add("tools", specs);
        JsonObject toolChoice = toolChoice(choice);
        if (toolChoice != null) {
            config.add("toolChoice", toolChoice);
        }
        return config.build();
    }

    private static JsonObject toolChoice(Object choice) {
        if ("auto".equals(choice)) {
            return Jsonp.createObjectBuilder().add("auto", JsonObject.EMPTY_JSON_OBJECT).build();
        }
        if ("required".equals(choice)) {
            return Jsonp.createObjectBuilder().add("any", JsonObject.EMPTY_JSON_OBJECT).build();
        }
        if (choice instanceof Map<?, ?> m && m.get("function") instanceof Map<?, ?> fn && fn.get("name") != null) {
            return Jsonp.createObjectBuilder().add("tool", Jsonp.createObjectBuilder()
                    .add("name", String.valueOf(fn.get("name")))).build();
        }
        return null;
    }
}
