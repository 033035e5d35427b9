package io.aigw.codec.openai;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonFields;
import io.aigw.codec.json.JsonJava;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.GenerationOptions;
import io.aigw.jca.api.ResponseFormat;
import io.aigw.jca.api.ToolDefinition;
import io.aigw.codec.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code POST /v1/chat/completions} request bodies. */
public final class OpenAiChatRequests {

    /** Fields this codec models; every other field is kept in {@link ChatRequest#extensions()}. */
    private static final Set<String> MODELLED = Set.of("model", "messages", "temperature", "top_p", "max_tokens", "stop",
            "n", "stream", "tools", "tool_choice", "response_format");

    private OpenAiChatRequests() {
    }

    /** Decodes and validates a client's request body. */
    public static ChatRequest decode(JsonObject body) {
        String model = JsonFields.requiredString(body, "model", "model");
        JsonArray messages = JsonFields.array(body, "messages", "messages");
        if (messages == null) {
            throw JsonFields.missing("messages");
        }
        if (messages.isEmpty()) {
            throw new InvalidMessageException("Invalid 'messages': empty array. Expected an array with minimum length 1.",
                    "messages");
        }
        List<ChatMessage> decoded = OpenAiMessages.decodeAll(messages);
        Integer maxTokens = JsonFields.integer(body, "max_completion_tokens", "max_completion_tokens");
        if (maxTokens == null) {
            maxTokens = JsonFields.integer(body, "max_tokens", "max_tokens");
        }
        Integer n = JsonFields.integer(body, "n", "n");
        if (n != null && (n < 1 || n > 128)) {
            throw new InvalidMessageException("Invalid 'n': must be between 1 and 128.", "n");
        }
        GenerationOptions options = new GenerationOptions(JsonFields.number(body, "temperature", "temperature"),
                JsonFields.number(body, "top_p", "top_p"), maxTokens, decodeStop(body), n);
        Boolean stream = JsonFields.bool(body, "stream", "stream");
        JsonObject streamOptions = JsonFields.object(body, "stream_options", "stream_options");
        if (streamOptions != null) {
            JsonFields.bool(streamOptions, "include_usage", "stream_options.include_usage");
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : body.entrySet()) {
            if (!MODELLED.contains(e.getKey())) {
                extensions.put(e.getKey(), JsonJava.toJava(e.getValue()));
            }
        }
        return new ChatRequest(model, decoded, options, decodeTools(body), JsonJava.toJava(body.get("tool_choice")),
                decodeResponseFormat(body), Boolean.TRUE.equals(stream), extensions);
    }

    /** Whether the client asked for the final usage chunk of a stream ({@code stream_options.include_usage}). */
    public static boolean wantsStreamUsage(ChatRequest request) {
        return request.extensions().get("stream_options") instanceof Map<?, ?> opts
                && Boolean.TRUE.equals(opts.get("include_usage"));
    }

    private static List<String> decodeStop(JsonObject body) {
        JsonValue stop = JsonFields.value(body, "stop");
        if (stop == null) {
            return List.of();
        }
        if (stop instanceof JsonString s) {
            return List.of(s.getString());
        }
        if (stop instanceof JsonArray a && a.size() <= 4) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                if (!(a.get(i) instanceof JsonString s)) {
                    throw JsonFields.wrongType("stop[" + i + "]", "a string", a.get(i));
                }
                out.add(s.getString());
            }
            return out;
        }
        throw new InvalidMessageException("Invalid 'stop': expected a string or an array of at most 4 strings.", "stop");
    }

    private static List<ToolDefinition> decodeTools(JsonObject body) {
        JsonArray tools = JsonFields.array(body, "tools", "tools");
        if (tools == null) {
            return List.of();
        }
        List<ToolDefinition> out = new ArrayList<>(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            String p = "tools[" + i + "]";
            JsonObject tool = JsonFields.objectAt(tools, i, p);
            String type = JsonFields.requiredString(tool, "type", p + ".type");
            if (!"function".equals(type)) {
                throw new InvalidMessageException("Invalid value for '" + p + ".type': '" + type
                        + "'. Supported value is 'function'.", p + ".type");
            }
            JsonObject fn = JsonFields.object(tool, "function", p + ".function");
            if (fn == null) {
                throw JsonFields.missing(p + ".function");
            }
            JsonObject params = JsonFields.object(fn, "parameters", p + ".function.parameters");
            out.add(new ToolDefinition(JsonFields.requiredString(fn, "name", p + ".function.name"),
                    JsonFields.string(fn, "description", p + ".function.description"),
                    params == null ? null : JsonJava.toJavaMap(params),
                    JsonFields.bool(fn, "strict", p + ".function.strict")));
        }
        return out;
    }

    private static ResponseFormat decodeResponseFormat(JsonObject body) {
        JsonObject rf = JsonFields.object(body, "response_format", "response_format");
        if (rf == null) {
            return null;
        }
        String type = JsonFields.requiredString(rf, "type", "response_format.type");
        if (!Set.of("text", "json_object", "json_schema").contains(type)) {
            throw new InvalidMessageException("Invalid value for 'response_format.type': '" + type
                    + "'. Supported values are: 'text', 'json_object' and 'json_schema'.", "response_format.type");
        }
        JsonObject schema = JsonFields.object(rf, "json_schema", "response_format.json_schema");
        if ("json_schema".equals(type) && schema == null) {
            throw JsonFields.missing("response_format.json_schema");
        }
        return new ResponseFormat(type, schema == null ? null : JsonJava.toJavaMap(schema));
    }

    /**
     * Encodes a request for an OpenAI-compatible upstream. A stream always asks for the usage chunk: the gateway
     * needs the provider's own count whether or not the client asked for it.
     */
    public static JsonObject encode(ChatRequest r) {
        JsonObjectBuilder b = Jsonp.createObjectBuilder()
                .add("model", r.model())
                .add("messages", OpenAiMessages.encodeAll(r.messages()));
        GenerationOptions o = r.options();
        if (o.temperature() != null) {
            b.add("temperature", o.temperature());
        }
        if (o.topP() != null) {
            b.add("top_p", o.topP());
        }
        if (o.maxTokens() != null && !r.extensions().containsKey("max_completion_tokens")) {
            b.add("max_tokens", o.maxTokens());
        }
        if (!o.stop().isEmpty()) {
            JsonArrayBuilder stop = Jsonp.createArrayBuilder();
            o.stop().forEach(stop::add);
            b.add("stop", stop);
        }
        if (o.n() != null) {
            b.add("n", o.n());
        }
        if (!r.tools().isEmpty()) {
            b.add("tools", encodeTools(r.tools()));
        }
        if (r.toolChoice() != null) {
            b.add("tool_choice", JsonJava.toJson(r.toolChoice()));
        }
        if (r.responseFormat() != null) {
            JsonObjectBuilder rf = Jsonp.createObjectBuilder().add("type", r.responseFormat().type());
            if (r.responseFormat().jsonSchema() != null) {
                rf.add("json_schema", JsonJava.toJson(r.responseFormat().jsonSchema()));
            }
            b.add("response_format", rf);
        }
        if (r.stream()) {
            b.add("stream", true);
            Map<String, Object> streamOptions = new LinkedHashMap<>();
            if (r.extensions().get("stream_options") instanceof Map<?, ?> given) {
                given.forEach((k, v) -> streamOptions.put(String.valueOf(k), v));
            }
            streamOptions.put("include_usage", Boolean.TRUE);
            b.add("stream_options", JsonJava.toJson(streamOptions));
        }
        Map<String, Object> extensions = new LinkedHashMap<>(r.extensions());
        extensions.remove("stream_options");
        // fields of other protocols (e.g. "anthropic.top_k") are not OpenAI fields
        extensions.keySet().removeIf(k -> k.indexOf('.') >= 0);
        JsonObject built = b.build();
        JsonObjectBuilder all = Jsonp.createObjectBuilder(built);
        JsonJava.addExtensions(all, built, extensions);
        return all.build();
    }

    private static JsonArray encodeTools(List<ToolDefinition> tools) {
        JsonArrayBuilder a = Jsonp.createArrayBuilder();
        for (ToolDefinition t : tools) {
            JsonObjectBuilder fn = Jsonp.createObjectBuilder().add("name", t.name());
            if (t.description() != null) {
                fn.add("description", t.description());
            }
            if (t.parameters() != null) {
                fn.add("parameters", JsonJava.toJson(t.parameters()));
            }
            if (t.strict() != null) {
                fn.add("strict", t.strict());
            }
            a.add(Jsonp.createObjectBuilder().add("type", "function").add("function", fn));
        }
        return a.build();
    }
}
