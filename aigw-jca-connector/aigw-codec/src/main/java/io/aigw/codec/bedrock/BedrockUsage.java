package io.aigw.codec.bedrock;

import io.aigw.codec.json.JsonFields;
import io.aigw.jca.api.Usage;
import jakarta.json.JsonObject;

/**
 * Converse {@code usage} ({@code TokenUsage}). Bedrock's {@code inputTokens} leaves out the tokens read from and
 * written to the prompt cache (its {@code totalTokens} adds them); the neutral input count includes both, which are
 * also reported on their own, as for Anthropic.
 */
public final class BedrockUsage {

    private BedrockUsage() {
    }

    /** The usage, or {@code null} if absent. */
    public static Usage decode(JsonObject u) {
        if (u == null) {
            return null;
        }
        int read = JsonFields.intOrZero(u, "cacheReadInputTokens");
        int write = JsonFields.intOrZero(u, "cacheWriteInputTokens");
        return new Usage(JsonFields.intOrZero(u, "inputTokens") + read + write, JsonFields.intOrZero(u, "outputTokens"),
                read, write, 0, false);
    }
}
