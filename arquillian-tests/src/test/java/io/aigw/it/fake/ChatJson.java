package io.aigw.it.fake;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;

/**
 * Builds the JSON of {@code chat.completion} and {@code chat.completion.chunk} objects, field for field
 * (and in the same order) as OpenAI sends them.
 *
 * @param id      {@code chatcmpl-<random>}, the same on every chunk of one stream
 * @param created epoch seconds
 * @param model   the requested model
 */
record ChatJson(String id, long created, String model) {

    /** Identity for a new completion of {@code model}. */
    static ChatJson newCompletion(String model) {
        return new ChatJson("chatcmpl-" + HttpReplies.randomHex(12), Instant.now().getEpochSecond(), model);
    }

    /** The non-stream reply; {@code usage} may be {@code null} to leave it out. */
    JsonObject completion(ChatReply reply, int n, JsonObject usage) {
        JsonArrayBuilder choices = JsonSupport.JSON.createArrayBuilder();
        for (int index = 0; index < n; index++) {
            JsonObjectBuilder message = JsonSupport.JSON.createObjectBuilder().add("role", "assistant");
            if (reply.toolCalls().isEmpty()) {
                message.add("content", reply.text());
            } else {
                message.addNull("content").add("tool_calls", toolCalls(reply));
            }
            message.addNull("refusal");
            choices.add(JsonSupport.JSON.createObjectBuilder()
                    .add("index", index)
                    .add("message", message)
                    .addNull("logprobs")
                    .add("finish_reason", reply.finishReason()));
        }
        JsonObjectBuilder completion = header("chat.completion").add("choices", choices);
        return (usage == null ? completion : completion.add("usage", usage)).build();
    }

    /** The first chunk of a choice: role, empty (text) or null (tool calls) content, null refusal. */
    JsonObject roleChunk(int index, boolean toolCalls, boolean includeUsage) {
        JsonObjectBuilder delta = JsonSupport.JSON.createObjectBuilder().add("role", "assistant");
        if (toolCalls) {
            delta.addNull("content");
        } else {
            delta.add("content", "");
        }
        return chunk(index, delta.addNull("refusal").build(), null, includeUsage);
    }

    /** A chunk carrying one piece of text content. */
    JsonObject contentChunk(int index, String piece, boolean includeUsage) {
        return chunk(index, JsonSupport.JSON.createObjectBuilder().add("content", piece).build(), null, includeUsage);
    }

    /** The chunk opening a tool call: index, id, type, name and empty arguments. */
    JsonObject toolCallStartChunk(int index, int callIndex, ChatReply.ToolCall call, boolean includeUsage) {
        JsonObjectBuilder toolCall = JsonSupport.JSON.createObjectBuilder()
                .add("index", callIndex).add("id", call.id()).add("type", "function")
                .add("function", JsonSupport.JSON.createObjectBuilder().add("name", call.name()).add("arguments", ""));
        return toolCallChunk(index, toolCall, includeUsage);
    }

    /** A chunk carrying a part of a tool call's arguments. */
    JsonObject toolCallArgumentsChunk(int index, int callIndex, String part, boolean includeUsage) {
        JsonObjectBuilder toolCall = JsonSupport.JSON.createObjectBuilder().add("index", callIndex)
                .add("function", JsonSupport.JSON.createObjectBuilder().add("arguments", part));
        return toolCallChunk(index, toolCall, includeUsage);
    }

    /** The chunk with an empty delta and the finish reason. */
    JsonObject finishChunk(int index, String finishReason, boolean includeUsage) {
        return chunk(index, JsonValue.EMPTY_JSON_OBJECT, finishReason, includeUsage);
    }

    /** The final chunk of {@code include_usage} streams: no choices, full usage. */
    JsonObject usageChunk(JsonObject usage) {
        return header("chat.completion.chunk").add("choices", JsonSupport.JSON.createArrayBuilder())
                .add("usage", usage).build();
    }

    /** The usage object with its detail objects, all details zero. */
    static JsonObject usage(int promptTokens, int completionTokens) {
        return JsonSupport.JSON.createObjectBuilder()
                .add("prompt_tokens", promptTokens)
                .add("completion_tokens", completionTokens)
                .add("total_tokens", promptTokens + completionTokens)
                .add("prompt_tokens_details", JsonSupport.JSON.createObjectBuilder()
                        .add("cached_tokens", 0).add("audio_tokens", 0))
                .add("completion_tokens_details", JsonSupport.JSON.createObjectBuilder()
                        .add("reasoning_tokens", 0).add("audio_tokens", 0)
                        .add("accepted_prediction_tokens", 0).add("rejected_prediction_tokens", 0))
                .build();
    }

    private JsonObject toolCallChunk(int index, JsonObjectBuilder toolCall, boolean includeUsage) {
        JsonObject delta = JsonSupport.JSON.createObjectBuilder()
                .add("tool_calls", JsonSupport.JSON.createArrayBuilder().add(toolCall)).build();
        return chunk(index, delta, null, includeUsage);
    }

    private JsonObject chunk(int index, JsonObject delta, String finishReason, boolean includeUsage) {
        JsonObjectBuilder choice = JsonSupport.JSON.createObjectBuilder()
                .add("index", index).add("delta", delta).addNull("logprobs");
        if (finishReason == null) {
            choice.addNull("finish_reason");
        } else {
            choice.add("finish_reason", finishReason);
        }
        JsonObjectBuilder chunk = header("chat.completion.chunk")
                .add("choices", JsonSupport.JSON.createArrayBuilder().add(choice));
        return (includeUsage ? chunk.addNull("usage") : chunk).build();
    }

    private static JsonArrayBuilder toolCalls(ChatReply reply) {
        JsonArrayBuilder calls = JsonSupport.JSON.createArrayBuilder();
        for (ChatReply.ToolCall call : reply.toolCalls()) {
            calls.add(JsonSupport.JSON.createObjectBuilder()
                    .add("id", call.id()).add("type", "function")
                    .add("function", JsonSupport.JSON.createObjectBuilder()
                            .add("name", call.name()).add("arguments", call.arguments())));
        }
        return calls;
    }

    private JsonObjectBuilder header(String object) {
        return JsonSupport.JSON.createObjectBuilder()
                .add("id", id).add("object", object).add("created", created).add("model", model)
                .add("system_fingerprint", "fp_fake");
    }
}
