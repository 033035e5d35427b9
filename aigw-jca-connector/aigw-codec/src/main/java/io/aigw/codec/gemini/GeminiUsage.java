package io.aigw.codec.gemini;

import io.aigw.codec.json.JsonFields;
import io.aigw.jca.api.Usage;
import jakarta.json.JsonObject;

/**
 * Gemini {@code usageMetadata}. Its {@code totalTokenCount} is the sum of {@code promptTokenCount} (which includes
 * {@code cachedContentTokenCount}), {@code toolUsePromptTokenCount}, {@code candidatesTokenCount} and
 * {@code thoughtsTokenCount}; neutrally the first two are input, of which the cached content is cached input, and the
 * last two output, of which the thoughts are reasoning.
 */
public final class GeminiUsage {

    private GeminiUsage() {
    }

    /** The usage, or {@code null} when {@code usageMetadata} is absent. */
    public static Usage decode(JsonObject u) {
        if (u == null) {
            return null;
        }
        int thoughts = JsonFields.intOrZero(u, "thoughtsTokenCount");
        return new Usage(JsonFields.intOrZero(u, "promptTokenCount") + JsonFields.intOrZero(u, "toolUsePromptTokenCount"),
                JsonFields.intOrZero(u, "candidatesTokenCount") + thoughts,
                JsonFields.intOrZero(u, "cachedContentTokenCount"), 0, thoughts, false);
    }
}
