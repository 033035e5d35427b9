package io.aigw.codec.anthropic;

import io.aigw.codec.json.JsonFields;
import io.aigw.codec.json.Jsonp;
import io.aigw.jca.api.Usage;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * Anthropic {@code usage}. Anthropic's {@code input_tokens} excludes cached input; the neutral input count includes
 * cache reads and cache writes, which are also reported on their own.
 */
public final class AnthropicUsage {

    private AnthropicUsage() {
    }

    /** The usage of a message, or {@code null} if absent. */
    public static Usage decode(JsonObject u) {
        if (u == null) {
            return null;
        }
        int read = JsonFields.intOrZero(u, "cache_read_input_tokens");
        int write = JsonFields.intOrZero(u, "cache_creation_input_tokens");
        return new Usage(JsonFields.intOrZero(u, "input_tokens") + read + write,
                JsonFields.intOrZero(u, "output_tokens"), read, write, 0, false);
    }

    public static JsonObjectBuilder encode(Usage u) {
        int uncached = Math.max(0, u.inputTokens() - u.cachedInputTokens() - u.cacheWriteTokens());
        return Jsonp.createObjectBuilder()
                .add("input_tokens", uncached)
                .add("cache_creation_input_tokens", u.cacheWriteTokens())
                .add("cache_read_input_tokens", u.cachedInputTokens())
                .add("output_tokens", u.outputTokens());
    }
}
