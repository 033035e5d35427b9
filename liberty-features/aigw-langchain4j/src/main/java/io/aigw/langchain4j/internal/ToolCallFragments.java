package io.aigw.langchain4j.internal;

import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;
import io.aigw.jca.api.ToolCallDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Streamed tool calls put back together: the first piece of a call carries its id and name, later pieces argument
 * fragments, and pieces of parallel calls are told apart by their index. Not thread-safe (one stream).
 */
public final class ToolCallFragments {

    private final Map<Integer, Call> calls = new TreeMap<>();

    /**
     * Adds one piece; returns it as LangChain4j's partial tool call when it carries an argument fragment of a call
     * whose name is known, {@code null} otherwise.
     */
    public PartialToolCall add(ToolCallDelta delta) {
        Call call = calls.computeIfAbsent(delta.index(), i -> new Call());
        if (call.id == null && delta.id() != null && !delta.id().isEmpty()) {
            call.id = delta.id();
        }
        if (call.name == null && delta.name() != null && !delta.name().isEmpty()) {
            call.name = delta.name();
        }
        String fragment = delta.argumentsFragment();
        if (fragment == null || fragment.isEmpty()) {
            return null;
        }
        call.arguments.append(fragment);
        if (call.name == null) {
            return null;
        }
        return PartialToolCall.builder()
                .index(delta.index())
                .id(call.id)
                .name(call.name)
                .partialArguments(fragment)
                .build();
    }

    /** The complete calls in index order. */
    public List<CompleteToolCall> complete() {
        List<CompleteToolCall> complete = new ArrayList<>(calls.size());
        calls.forEach((index, call) -> {
            if (call.name == null) {
                throw new IllegalStateException("The streamed tool call at index " + index + " has no function name");
            }
            complete.add(new CompleteToolCall(index,
                    ToolTranslator.fromGateway(call.id, call.name, call.arguments.toString())));
        });
        return complete;
    }

    private static final class Call {
        private String id;
        private String name;
        private final StringBuilder arguments = new StringBuilder();
    }
}
