package io.aigw.codec.openai;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonFields;
import io.aigw.jca.api.ChatChoice;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.Usage;
import io.aigw.codec.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;

/** {@code chat.completion} response bodies. */
public final class OpenAiChatResponses {

    private OpenAiChatResponses() {
    }

    /** Decodes an upstream's complete response. */
    public static ChatResponse decode(JsonObject body) {
        JsonArray choices = JsonFields.array(body, "choices", "choices");
        if (choices == null) {
            throw new InvalidMessageException("The response has no 'choices'.", "choices");
        }
        List<ChatChoice> out = new ArrayList<>(choices.size());
        for (int i = 0; i < choices.size(); i++) {
            String p = "choices[" + i + "]";
            JsonObject choice = JsonFields.objectAt(choices, i, p);
            JsonObject message = JsonFields.object(choice, "message", p + ".message");
            if (message == null) {
                throw JsonFields.missing(p + ".message");
            }
            Integer index = JsonFields.integer(choice, "index", p + ".index");
            out.add(new ChatChoice(index == null ? i : index, OpenAiMessages.decode(withRole(message), p + ".message"),
                    OpenAiFinishReasons.decode(JsonFields.string(choice, "finish_reason", p + ".finish_reason"))));
        }
        Usage usage = OpenAiUsage.decode(JsonFields.object(body, "usage", "usage"));
        Integer created = JsonFields.integer(body, "created", "created");
        return new ChatResponse(JsonFields.string(body, "id", "id"), JsonFields.string(body, "model", "model"),
                created == null ? 0 : created, out, usage, JsonFields.string(body, "system_fingerprint",
                "system_fingerprint"));
    }

    /** Some compatible servers omit the assistant role in responses. */
    private static JsonObject withRole(JsonObject message) {
        return message.containsKey("role") ? message
                : Jsonp.createObjectBuilder(message).add("role", Role.ASSISTANT.wireName()).build();
    }

    /**
     * Encodes a response for an OpenAI client.
     *
     * @param model the model name to show, as the client addressed it
     */
    public static JsonObject encode(ChatResponse r, String model) {
        JsonArrayBuilder choices = Jsonp.createArrayBuilder();
        for (ChatChoice c : r.choices()) {
            ChatMessage m = c.message();
            JsonObjectBuilder message = Jsonp.createObjectBuilder()
                    .add("role", m.role().wireName())
                    .add("content", OpenAiMessages.encodeContent(m.content()));
            if (!m.toolCalls().isEmpty()) {
                message.add("tool_calls", OpenAiMessages.encodeToolCalls(m.toolCalls()));
            }
            message.addNull("refusal");
            choices.add(OpenAiFinishReasons.choice(c.index(), "message", message, c.finishReason()));
        }
        JsonObjectBuilder b = Jsonp.createObjectBuilder()
                .add("id", r.id() == null ? "chatcmpl-aigw" : r.id())
                .add("object", "chat.completion")
                .add("created", r.created())
                .add("model", model)
                .add("choices", choices)
                .add("usage", OpenAiUsage.encodeChat(r.usage()));
        if (r.systemFingerprint() != null) {
            b.add("system_fingerprint", r.systemFingerprint());
        }
        return b.build();
    }
}
