package io.aigw.codec.gemini;

import io.aigw.codec.json.JsonFields;
import io.aigw.jca.api.ModelInfo;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Pages of {@code GET models}: {@code name} {@code models/x} is the model id {@code x}; what a model can do comes from
 * its {@code supportedGenerationMethods} ({@code generateContent} for chat, {@code embedContent} or
 * {@code batchEmbedContents} for embeddings); models that can do neither (image, video, live-only models) are left out.
 */
public final class GeminiModels {

    private GeminiModels() {
    }

    /**
     * One page of the list.
     *
     * @param models        the page's usable models
     * @param nextPageToken the token of the next page, or {@code null} on the last page
     */
    public record Page(List<ModelInfo> models, String nextPageToken) {
        public Page {
            models = List.copyOf(models);
        }
    }

    public static Page decodePage(JsonObject body) {
        JsonArray models = JsonFields.array(body, "models", "models");
        List<ModelInfo> out = new ArrayList<>();
        if (models != null) {
            for (int i = 0; i < models.size(); i++) {
                String p = "models[" + i + "]";
                JsonObject m = JsonFields.objectAt(models, i, p);
                String name = JsonFields.requiredString(m, "name", p + ".name");
                Set<ModelInfo.Capability> capabilities = capabilities(JsonFields.array(m,
                        "supportedGenerationMethods", p + ".supportedGenerationMethods"));
                if (!capabilities.isEmpty()) {
                    out.add(new ModelInfo(name.startsWith("models/") ? name.substring(7) : name, "google", 0,
                            capabilities));
                }
            }
        }
        String next = JsonFields.string(body, "nextPageToken", "nextPageToken");
        return new Page(out, next == null || next.isEmpty() ? null : next);
    }

    private static Set<ModelInfo.Capability> capabilities(JsonArray methods) {
        Set<ModelInfo.Capability> out = EnumSet.noneOf(ModelInfo.Capability.class);
        if (methods != null) {
            for (JsonValue v : methods) {
                String method = v instanceof JsonString s ? s.getString() : "";
                switch (method) {
                    case "generateContent" -> out.add(ModelInfo.Capability.CHAT);
                    case "embedContent", "batchEmbedContents" -> out.add(ModelInfo.Capability.EMBEDDINGS);
                    default -> {
                        // countTokens, createCachedContent, predict, bidiGenerateContent, ...
                    }
                }
            }
        }
        return out;
    }
}
