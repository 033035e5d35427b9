package io.aigw.codec.bedrock;

import io.aigw.codec.json.JsonFields;
import io.aigw.codec.json.Jsonp;
import io.aigw.jca.api.ReasoningPart;
import jakarta.json.JsonObject;

/**
 * Converse {@code reasoningContent} blocks: {@code reasoningText} ({@code text} and the {@code signature} Bedrock wants
 * back unchanged in later turns) or {@code redactedContent} (base64).
 */
final class BedrockReasoning {

    private BedrockReasoning() {
    }

    static ReasoningPart decode(JsonObject reasoning, String path) {
        String redacted = JsonFields.string(reasoning, "redactedContent", path + ".redactedContent");
        if (redacted != null) {
            return new ReasoningPart(null, null, redacted);
        }
        JsonObject text = JsonFields.object(reasoning, "reasoningText", path + ".reasoningText");
        if (text == null) {
            throw JsonFields.missing(path + ".reasoningText");
        }
        return new ReasoningPart(JsonFields.requiredString(text, "text", path + ".reasoningText.text"),
                JsonFields.string(text, "signature", path + ".reasoningText.signature"), null);
    }

    static JsonObject encode(ReasoningPart reasoning) {
        if (reasoning.redactedData() != null) {
            return Jsonp.createObjectBuilder().add("redactedContent", reasoning.redactedData()).build();
        }
        return Jsonp.createObjectBuilder().add("reasoningText", Jsonp.createObjectBuilder()
                .add("text", reasoning.text() == null ? "" : reasoning.text())
                .add("signature", reasoning.signature())).build();
    }
}
