package io.aigw.codec.gemini;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonFields;
import io.aigw.jca.api.ChatChoice;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ContentPart;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.TextPart;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GenerateContentResponse} bodies: one choice per candidate. A prompt Gemini blocked
 * ({@code promptFeedback.blockReason}, no candidates) is one empty choice finished by the
 * {@link FinishReason#CONTENT_FILTER content filter}, with the usage Gemini reports for it.
 */
public final class GeminiResponses {

    private GeminiResponses() {
    }

    /** Decodes an upstream's complete response. */
    public static ChatResponse decode(JsonObject body) {
        List<GeminiCandidate> candidates = GeminiCandidate.decodeAll(body, new GeminiToolCallIds());
        List<ChatChoice> choices = new ArrayList<>(candidates.size());
        for (GeminiCandidate c : candidates) {
            List<ContentPart> content = c.text() == null ? List.of() : List.of(new TextPart(c.text()));
            choices.add(new ChatChoice(c.index(), new ChatMessage(Role.ASSISTANT, content, null, c.calls(), null),
                    GeminiFinishReasons.decode(c.finishReason(), !c.calls().isEmpty())));
        }
        if (choices.isEmpty()) {
            if (GeminiCandidate.blockReason(body) == null) {
                throw new InvalidMessageException("The response has neither 'candidates' nor a blocked prompt.",
                        "candidates");
            }
            choices.add(blockedPrompt());
        }
        return new ChatResponse(JsonFields.string(body, "responseId", "responseId"),
                JsonFields.string(body, "modelVersion", "modelVersion"), System.currentTimeMillis() / 1000, choices,
                GeminiUsage.decode(JsonFields.object(body, "usageMetadata", "usageMetadata")), null);
    }

    static ChatChoice blockedPrompt() {
        return new ChatChoice(0, new ChatMessage(Role.ASSISTANT, List.of(), null, List.of(), null),
                FinishReason.CONTENT_FILTER);
    }
}
