package io.aigw.it.fake;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Converse API's rules for {@code messages}: roles are {@code user} or {@code assistant}, the first message is the
 * user's and roles alternate (Converse, unlike Anthropic's own API, does not combine consecutive turns); a user message
 * after an assistant message with {@code toolUse} blocks answers every one of them with a {@code toolResult} of the
 * same {@code toolUseId} and has no more {@code toolResult} blocks than there were {@code toolUse} blocks. What breaks
 * a rule is rejected with Bedrock's 400 {@code ValidationException} and its message.
 */
final class BedrockConversation {

    private static final String VALIDATION = "ValidationException";

    private BedrockConversation() {
    }

    /**
     * Checks the roles of all messages, then the tool results of each user message.
     *
     * @param messages the request's {@code messages}
     * @throws BedrockError for the first message that breaks a rule
     */
    static void check(JsonArray messages) {
        String previousRole = null;
        for (int i = 0; i < messages.size(); i++) {
            String role = messages.get(i) instanceof JsonObject m ? JsonSupport.string(m, "role") : null;
            if (!"user".equals(role) && !"assistant".equals(role)) {
                throw invalid("1 validation error detected: Value '" + role + "' at 'messages." + (i + 1)
                        + ".member.role' failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[user, assistant]");
            }
            if (i == 0 && !"user".equals(role)) {
                throw invalid("A conversation must start with a user message. Try again with a conversation that "
                        + "starts with a user message.");
            }
            if (role.equals(previousRole)) {
                throw invalid("A conversation must alternate between user and assistant roles. Make sure the "
                        + "conversation alternates between user and assistant roles and try again.");
            }
            previousRole = role;
        }
        for (int i = 1; i < messages.size(); i++) {
            checkResults(messages.getJsonObject(i - 1), messages.getJsonObject(i), i);
        }
    }

    /** The tool results of message {@code index} against the tool uses of the message before it. */
    private static void checkResults(JsonObject asked, JsonObject answers, int index) {
        if (!"user".equals(JsonSupport.string(answers, "role"))) {
            return;
        }
        List<String> uses = ids(asked, "toolUse");
        List<String> results = ids(answers, "toolResult");
        if (results.size() > uses.size()) {
            throw invalid("The number of toolResult blocks at messages." + index + ".content exceeds the number of "
                    + "toolUse blocks of previous turn.");
        }
        Set<String> missing = new LinkedHashSet<>(uses);
        results.forEach(missing::remove);
        if (!missing.isEmpty()) {
            throw invalid("Expected toolResult blocks at messages." + index + ".content for the following Ids: "
                    + String.join(", ", missing));
        }
    }

    /** The {@code toolUseId}s of a message's {@code kind} blocks ({@code toolUse} or {@code toolResult}), in order. */
    private static List<String> ids(JsonObject message, String kind) {
        List<String> ids = new ArrayList<>();
        if (message.get("content") instanceof JsonArray content) {
            for (JsonValue block : content) {
                if (block instanceof JsonObject object && object.get(kind) instanceof JsonObject inner) {
                    ids.add(String.valueOf(JsonSupport.string(inner, "toolUseId")));
                }
            }
        }
        return ids;
    }

    private static BedrockError invalid(String message) {
        return new BedrockError(400, VALIDATION, message);
    }
}
