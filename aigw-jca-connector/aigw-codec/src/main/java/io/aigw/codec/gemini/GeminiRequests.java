package io.aigw.codec.gemini;

import io.aigw.codec.ProviderExtensions;
import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonJava;
import io.aigw.codec.json.Jsonp;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.GenerationOptions;
import io.aigw.jca.api.ResponseFormat;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;

/**
 * {@code GenerateContentRequest} bodies for {@code models/{model}:generateContent} and
 * {@code :streamGenerateContent} (the model and streaming are in the URL, not the body).
 */
public final class GeminiRequests {

    /** Extension keys of Gemini-only top-level fields ({@code gemini.safetySettings}, ...) start with this. */
    public static final String EXTENSION_PREFIX = "gemini.";

    private GeminiRequests() {
    }

    /**
     * Encodes a neutral request. Fails with {@link GeminiUnsupportedException} for what Gemini cannot do and with
     * {@link InvalidMessageException} for a request that cannot be translated (e.g. a tool result without its call).
     *
     * @param images resolves image parts to inline bytes
     */
    public static JsonObject encode(ChatRequest r, GeminiImages images) {
        GeminiContents.Encoded conversation = GeminiContents.encode(r.messages(), images);
        JsonObjectBuilder b = Jsonp.createObjectBuilder().add("contents", conversation.contents());
        if (conversation.systemInstruction() != null) {
            b.add("systemInstruction", conversation.systemInstruction());
        }
        GeminiTools.encode(r.tools(), r.toolChoice(), b);
        JsonObject generationConfig = generationConfig(r);
        if (!generationConfig.isEmpty()) {
            b.add("generationConfig", generationConfig);
        }
        return ProviderExtensions.addTo(b.build(), r.extensions(), EXTENSION_PREFIX);
    }

    private static JsonObject generationConfig(ChatRequest r) {
        GenerationOptions o = r.options();
        JsonObjectBuilder g = Jsonp.createObjectBuilder();
        if (!o.stop().isEmpty()) {
            JsonArrayBuilder stops = Jsonp.createArrayBuilder();
            o.stop().forEach(stops::add);
            g.add("stopSequences", stops);
        }
        if (o.n() != null) {
            g.add("candidateCount", o.n());
        }
        if (o.maxTokens() != null) {
            g.add("maxOutputTokens", o.maxTokens());
        }
        if (o.temperature() != null) {
            g.add("temperature", o.temperature());
        }
        if (o.topP() != null) {
            g.add("topP", o.topP());
        }
        number(r.extensions(), "seed", "seed", g, true);
        number(r.extensions(), "presence_penalty", "presencePenalty", g, false);
        number(r.extensions(), "frequency_penalty", "frequencyPenalty", g, false);
        responseFormat(r.responseFormat(), g);
        return g.build();
    }

    private static void number(Map<String, Object> extensions, String key, String field, JsonObjectBuilder g,
                               boolean integral) {
        Object v = extensions.get(key);
        if (v == null) {
            return;
        }
        if (!(v instanceof Number n)) {
            throw new InvalidMessageException("'" + key + "' must be a number.", key);
        }
        if (integral) {
            g.add(field, n.longValue());
        } else {
            g.add(field, n.doubleValue());
        }
    }

    /** {@code json_object} asks for JSON output; {@code json_schema} also passes the JSON Schema as it is. */
    private static void responseFormat(ResponseFormat format, JsonObjectBuilder g) {
        if (format == null || "text".equals(format.type())) {
            return;
        }
        switch (format.type()) {
            case "json_object" -> g.add("responseMimeType", "application/json");
            case "json_schema" -> {
                Object schema = format.jsonSchema() == null ? null : format.jsonSchema().get("schema");
                if (!(schema instanceof Map<?, ?>)) {
                    throw new InvalidMessageException("'response_format.json_schema.schema' is required for Gemini "
                            + "models.", "response_format.json_schema.schema");
                }
                g.add("responseMimeType", "application/json").add("responseJsonSchema", JsonJava.toJson(schema));
            }
            default -> throw new GeminiUnsupportedException("'response_format' " + format.type()
                    + " is not supported by Gemini models.", "response_format");
        }
    }
}
