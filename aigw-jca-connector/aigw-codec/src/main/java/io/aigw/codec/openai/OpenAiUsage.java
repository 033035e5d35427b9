package io.aigw.codec.openai;

import io.aigw.codec.json.JsonFields;
import io.aigw.jca.api.Usage;
import io.aigw.codec.json.Jsonp;
import jakarta.json.JsonObject;

/** The OpenAI {@code usage} object, with its cached-input and reasoning breakdowns. */
public final class OpenAiUsage {

    private OpenAiUsage() {
    }

    /** The usage of a chat or embedding response, or {@code null} if the object is absent. */
    public static Usage decode(JsonObject usage) {
        if (usage == null) {
            return null;
        }
        JsonObject prompt = JsonFields.object(usage, "prompt_tokens_details", "usage.prompt_tokens_details");
        JsonObject completion = JsonFields.object(usage, "completion_tokens_details", "usage.completion_tokens_details");
        return new Usage(JsonFields.intOrZero(usage, "prompt_tokens"), JsonFields.intOrZero(usage, "completion_tokens"),
                JsonFields.intOrZero(prompt, "cached_tokens"), 0, JsonFields.intOrZero(completion, "reasoning_tokens"),
                false);
    }

    /** The chat {@code usage} object. */
    public static JsonObject encodeChat(Usage u) {
        return Jsonp.createObjectBuilder()
                .add("prompt_tokens", u.inputTokens())
                .add("completion_tokens", u.outputTokens())
                .add("total_tokens", u.totalTokens())
                .add("prompt_tokens_details", Jsonp.createObjectBuilder().add("cached_tokens", u.cachedInputTokens()))
                .add("completion_tokens_details", Jsonp.createObjectBuilder().add("reasoning_tokens", u.reasoningTokens()))
                .build();
    }

    /** The embeddings {@code usage} object. */
    public static JsonObject encodeEmbeddings(Usage u) {
        return Jsonp.createObjectBuilder()
                .add("prompt_tokens", u.inputTokens())
                .add("total_tokens", u.inputTokens())
                .build();
    }
}
