package io.aigw.jca.api;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation.
 *
 * @param role       who wrote it
 * @param content    its content parts; empty for an assistant message that only calls tools
 * @param name       optional participant name
 * @param toolCalls  tool calls made by an assistant message (empty otherwise)
 * @param toolCallId for a {@link Role#TOOL} message, the id of the call it answers
 * @param toolError  for a {@link Role#TOOL} message, whether the tool failed (its content describes the error)
 */
public record ChatMessage(Role role, List<ContentPart> content, String name, List<ToolCall> toolCalls, String toolCallId,
                          boolean toolError) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        content = content == null ? List.of() : List.copyOf(content);
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /** A message that is not a failed tool's result. */
    public ChatMessage(Role role, List<ContentPart> content, String name, List<ToolCall> toolCalls, String toolCallId) {
        this(role, content, name, toolCalls, toolCallId, false);
    }

    /** The result of a tool call. */
    public static ChatMessage toolResult(String toolCallId, List<ContentPart> content, boolean error) {
        return new ChatMessage(Role.TOOL, content, null, List.of(), toolCallId, error);
    }

    /** A message with plain text content. */
    public static ChatMessage text(Role role, String text) {
        return new ChatMessage(role, List.of(new TextPart(text)), null, List.of(), null);
    }

    /** The concatenated text parts, or {@code null} when the message has no text. */
    public String text() {
        StringBuilder sb = null;
        for (ContentPart p : content) {
            if (p instanceof TextPart t) {
                sb = sb == null ? new StringBuilder(t.text()) : sb.append(t.text());
            }
        }
        return sb == null ? null : sb.toString();
    }
}
