package io.aigw.jca.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A chat completion request in neutral form.
 *
 * @param model          the model id as the provider knows it (the gateway has already removed its connection prefix)
 * @param messages       the conversation, system messages included, in order
 * @param options        sampling and length settings
 * @param tools          functions the model may call (empty for none)
 * @param toolChoice     the tool choice as JSON-compatible values ({@code "auto"}, {@code "none"}, {@code "required"}
 *                       or an object naming a function), or {@code null}
 * @param responseFormat the requested answer shape, or {@code null}
 * @param stream         whether the client wants a stream
 * @param extensions     request fields this record does not model (e.g. {@code seed}, {@code logprobs},
 *                       {@code parallel_tool_calls}, {@code reasoning_effort}, {@code metadata}) as JSON-compatible values,
 *                       passed on to providers that speak the same protocol
 */
public record ChatRequest(String model, List<ChatMessage> messages, GenerationOptions options, List<ToolDefinition> tools,
                          Object toolChoice, ResponseFormat responseFormat, boolean stream, Map<String, Object> extensions) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        options = options == null ? GenerationOptions.DEFAULTS : options;
        tools = tools == null ? List.of() : List.copyOf(tools);
        extensions = extensions == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extensions));
    }

    /** A request for the model with the messages and nothing else set (not streamed). */
    public static ChatRequest of(String model, List<ChatMessage> messages) {
        return new ChatRequest(model, messages, null, null, null, null, false, null);
    }

    /** The same request with these tools the model may call. */
    public ChatRequest withTools(List<ToolDefinition> newTools, Object newToolChoice) {
        return new ChatRequest(model, messages, options, newTools, newToolChoice, responseFormat, stream, extensions);
    }

    /** The same request with these generation options. */
    public ChatRequest withOptions(GenerationOptions newOptions) {
        return new ChatRequest(model, messages, newOptions, tools, toolChoice, responseFormat, stream, extensions);
    }

    /** The same request, streamed or not. */
    public ChatRequest withStream(boolean streamed) {
        return new ChatRequest(model, messages, options, tools, toolChoice, responseFormat, streamed, extensions);
    }

    /** The same request addressed to another model id (after routing). */
    public ChatRequest withModel(String providerModel) {
        return new ChatRequest(providerModel, messages, options, tools, toolChoice, responseFormat, stream, extensions);
    }
}
