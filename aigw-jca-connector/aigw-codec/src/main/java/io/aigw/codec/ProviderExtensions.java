package io.aigw.codec;

import io.aigw.codec.json.JsonJava;
import io.aigw.codec.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;

/**
 * Request fields only one provider has, carried in {@link io.aigw.jca.api.ChatRequest#extensions()} under that
 * provider's prefix ({@code anthropic.top_k}, {@code gemini.safetySettings}, {@code bedrock.guardrailConfig}) and put
 * back at the top level of that provider's request body, never over a field the encoder wrote itself.
 */
public final class ProviderExtensions {

    private ProviderExtensions() {
    }

    /** The body with every {@code prefix}-ed extension added under its unprefixed name, unless already present. */
    public static JsonObject addTo(JsonObject body, Map<String, Object> extensions, String prefix) {
        JsonObjectBuilder all = null;
        for (Map.Entry<String, Object> e : extensions.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(prefix) && !body.containsKey(key.substring(prefix.length()))) {
                all = all == null ? Jsonp.createObjectBuilder(body) : all;
                all.add(key.substring(prefix.length()), JsonJava.toJson(e.getValue()));
            }
        }
        return all == null ? body : all.build();
    }
}
