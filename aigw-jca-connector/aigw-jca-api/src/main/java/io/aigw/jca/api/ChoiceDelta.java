package io.aigw.jca.api;

import java.util.List;

/**
 * What one streamed chunk adds to one choice.
 *
 * @param index        the choice
 * @param role         the role, on the choice's first chunk
 * @param content      the next text fragment, or {@code null}
 * @param refusal      the next refusal fragment, or {@code null}
 * @param toolCalls    tool call pieces (empty for none)
 * @param finishReason set on the choice's last chunk
 * @param reasoning    what the chunk adds to the model's reasoning, or {@code null}
 */
public record ChoiceDelta(int index, Role role, String content, String refusal, List<ToolCallDelta> toolCalls,
                          FinishReason finishReason, ReasoningDelta reasoning) {

    public ChoiceDelta {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /** A delta without reasoning. */
    public ChoiceDelta(int index, Role role, String content, String refusal, List<ToolCallDelta> toolCalls,
                       FinishReason finishReason) {
        this(index, role, content, refusal, toolCalls, finishReason, null);
    }
}
