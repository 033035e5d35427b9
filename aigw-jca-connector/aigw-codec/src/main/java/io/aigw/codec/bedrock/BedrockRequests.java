package io.aigw.codec.bedrock;

import io.aigw.codec.ProviderExtensions;
import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.Jsonp;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.GenerationOptions;
import io.aigw.jca.api.ImagePart;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.function.Function;

/**
 * Converse request bodies. The model id is not part of the body (it is in the URL path), nor is streaming (a
 * separate operation, {@code converse-stream}, takes the same body).
 */
public final class BedrockRequests {

    /** Extension keys of Bedrock-only fields start with this; only Bedrock upstreams receive them. */
    public static final String EXTENSION_PREFIX = "bedrock.";

    private BedrockRequests() {
    }

    /**
     * Encodes a request for a Bedrock upstream. Fails with {@link InvalidMessageException} for what Converse cannot
     * do ({@code n} > 1, a response format other than text, tool call arguments that are not a JSON object).
     *
     * @param images the Converse form of each image part of the request (the caller loads the bytes)
     */
    public static JsonObject encode(ChatRequest r, Function<ImagePart, ConverseImage> images) {
        if (r.options().n() != null && r.options().n() > 1) {
            throw new InvalidMessageException("'n' greater than 1 is not supported by Bedrock Converse.", "n");
        }
        if (r.responseFormat() != null && !"text".equals(r.responseFormat().type())) {
            throw new InvalidMessageException("'response_format' " + r.responseFormat().type()
                    + " is not supported by Bedrock Converse.", "response_format");
        }
        JsonObjectBuilder b = Jsonp.createObjectBuilder();
        b.add("messages", BedrockMessages.messages(r.messages(), images));
        JsonArray system = BedrockMessages.system(r.messages());
        if (system != null) {
            b.add("system", system);
        }
        JsonObject inference = inferenceConfig(r.options());
        if (inference != null) {
            b.add("inferenceConfig", inference);
        }
        JsonObject tools = BedrockTools.toolConfig(r.tools(), r.toolChoice());
        if (tools != null) {
            b.add("toolConfig", tools);
        }
        return ProviderExtensions.addTo(b.build(), r.extensions(), EXTENSION_PREFIX);
    }

    private static JsonObject inferenceConfig(GenerationOptions o) {
        JsonObjectBuilder b = Jsonp.createObjectBuilder();
        if (o.maxTokens() != null) {
            b.add("maxTokens", o.maxTokens());
        }
        if (o.temperature() != null) {
            b.add("temperature", o.temperature());
        }
        if (o.topP() != null) {
            b.add("topP", o.topP());
        }
        if (!o.stop().isEmpty()) {
            JsonArrayBuilder stops = Jsonp.createArrayBuilder();
            o.stop().forEach(stops::add);
            b.add("stopSequences", stops);
        }
        JsonObject built = b.build();
        return built.isEmpty() ? null : built;
    }
}
