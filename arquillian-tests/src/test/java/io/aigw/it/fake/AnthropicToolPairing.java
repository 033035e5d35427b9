package io.aigw.it.fake;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Anthropic's pairing of {@code tool_use} and {@code tool_result} blocks in a Messages API request. Consecutive
 * messages of one role are first combined into one turn, as the API documents ("Consecutive {@code user} or
 * {@code assistant} turns in your request will be combined into a single turn"), and an assistant message may come
 * first; then the user turn after an assistant turn with {@code tool_use} blocks must begin with as many
 * {@code tool_result} blocks, every {@code tool_result} must answer a {@code tool_use} of the turn just before, and
 * every {@code tool_use} must be answered there. The 400 {@code invalid_request_error} messages are Anthropic's, with
 * the index of the message (and block) concerned.
 */
final class AnthropicToolPairing {

    /** A content block and where the request has it: {@code messages.<message>.content.<index>}. */
    private record Block(JsonObject json, int message, int index) {

        boolean is(String type) {
            return type.equals(JsonSupport.string(json, "type"));
        }
    }

    /** One or more consecutive messages of one role, as Anthropic combines them. */
    private record Turn(String role, int firstMessage, int lastMessage, List<Block> blocks) {

        /** The ids of the turn's {@code tool_use} blocks, in order (only assistant turns have any). */
        Set<String> toolUseIds() {
            Set<String> ids = new LinkedHashSet<>();
            if ("assistant".equals(role)) {
                blocks.stream().filter(b -> b.is("tool_use")).forEach(b -> ids.add(JsonSupport.string(b.json(), "id")));
            }
            return ids;
        }
    }

    private AnthropicToolPairing() {
    }

    /**
     * Checks the conversation turn by turn.
     *
     * @param messages the request's {@code messages}
     * @throws AnthropicError for the first turn that breaks the rules
     */
    static void check(JsonArray messages) {
        List<Turn> turns = turns(messages);
        for (int t = 0; t < turns.size(); t++) {
            if ("user".equals(turns.get(t).role())) {
                checkAnswers(turns.get(t), t == 0 ? null : turns.get(t - 1));
            }
        }
        Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last != null && !last.toolUseIds().isEmpty()) {
            throw unanswered(last, last.toolUseIds());
        }
    }

    /** The user turn {@code answers} after {@code asked} (the previous turn, or {@code null} for none). */
    private static void checkAnswers(Turn answers, Turn asked) {
        Set<String> uses = asked == null ? Set.of() : asked.toolUseIds();
        List<Block> blocks = answers.blocks();
        if (blocks.size() < uses.size() || !blocks.subList(0, uses.size()).stream().allMatch(b -> b.is("tool_result"))) {
            throw AnthropicError.invalid("messages." + answers.firstMessage() + ": Did not find " + uses.size()
                    + " `tool_result` block(s) at the beginning of this message. Messages following `tool_use` blocks "
                    + "must begin with a matching number of `tool_result` blocks.");
        }
        Set<String> missing = new LinkedHashSet<>(uses);
        for (Block block : blocks) {
            if (!block.is("tool_result")) {
                continue;
            }
            String id = JsonSupport.string(block.json(), "tool_use_id");
            if (!uses.contains(id)) {
                throw AnthropicError.invalid("messages." + block.message() + ".content." + block.index()
                        + ": unexpected `tool_use_id` found in `tool_result` blocks: " + id + ". Each `tool_result` "
                        + "block must have a corresponding `tool_use` block in the previous message.");
            }
            missing.remove(id);
        }
        if (!missing.isEmpty()) {
            throw unanswered(asked, missing);
        }
    }

    private static AnthropicError unanswered(Turn asked, Set<String> ids) {
        return AnthropicError.invalid("messages." + asked.lastMessage() + ": `tool_use` ids were found without "
                + "`tool_result` blocks immediately after: " + String.join(", ", ids) + ". Each `tool_use` block must "
                + "have a corresponding `tool_result` block in the next message.");
    }

    /** The messages combined into turns; a string content is one text block. */
    private static List<Turn> turns(JsonArray messages) {
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (!(messages.get(i) instanceof JsonObject message)) {
                continue;
            }
            String role = JsonSupport.string(message, "role");
            Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
            List<Block> blocks;
            if (last != null && last.role().equals(role)) {
                blocks = last.blocks();
                turns.set(turns.size() - 1, new Turn(role, last.firstMessage(), i, blocks));
            } else {
                blocks = new ArrayList<>();
                turns.add(new Turn(String.valueOf(role), i, i, blocks));
            }
            JsonValue content = message.get("content");
            if (content instanceof JsonString text) {
                blocks.add(new Block(JsonSupport.JSON.createObjectBuilder().add("type", "text")
                        .add("text", text.getString()).build(), i, 0));
            } else if (content instanceof JsonArray array) {
                for (int b = 0; b < array.size(); b++) {
                    if (array.get(b) instanceof JsonObject block) {
                        blocks.add(new Block(block, i, b));
                    }
                }
            }
        }
        return turns;
    }
}
