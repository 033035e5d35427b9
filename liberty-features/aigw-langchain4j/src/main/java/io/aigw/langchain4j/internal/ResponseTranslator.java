package io.aigw.langchain4j.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.aigw.jca.api.ChatChoice;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ContentPart;
import io.aigw.jca.api.ReasoningPart;
import io.aigw.jca.api.ToolCall;
import io.aigw.jca.api.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's neutral chat response as LangChain4j's: the first choice's text, reasoning (as thinking) and tool
 * calls, with the completion id, the answering model, token usage and finish reason.
 */
public final class ResponseTranslator {

    private ResponseTranslator() {
    }

    /** The LangChain4j response for a complete neutral response. */
    public static ChatResponse fromGateway(io.aigw.jca.api.ChatResponse response) {
        ChatChoice choice = response.choices().isEmpty() ? null : response.choices().get(0);
        AiMessage message = choice == null || choice.message() == null ? AiMessage.builder().build()
                : aiMessage(choice.message());
        return ChatResponse.builder()
                .aiMessage(message)
                .id(response.id())
                .modelName(response.model())
                .tokenUsage(tokenUsage(response.usage()))
                .finishReason(choice == null ? null : finishReason(choice.finishReason()))
                .build();
    }

    private static AiMessage aiMessage(ChatMessage message) {
        List<ToolExecutionRequest> requests = new ArrayList<>();
        for (ToolCall call : message.toolCalls()) {
            requests.add(ToolTranslator.fromGateway(call.id(), call.name(), call.arguments()));
        }
        return AiMessage.builder()
                .text(message.text())
                .thinking(thinking(message.content()))
                .toolExecutionRequests(requests)
                .build();
    }

    private static String thinking(List<ContentPart> content) {
        StringBuilder sb = null;
        for (ContentPart part : content) {
            if (part instanceof ReasoningPart && ((ReasoningPart) part).text() != null) {
                sb = sb == null ? new StringBuilder() : sb;
                sb.append(((ReasoningPart) part).text());
            }
        }
        return sb == null ? null : sb.toString();
    }

    /** Input and output tokens (total their sum), or {@code null} without usage. */
    public static TokenUsage tokenUsage(Usage usage) {
        return usage == null ? null : new TokenUsage(usage.inputTokens(), usage.outputTokens());
    }

    /** The neutral finish reason in LangChain4j's terms; a provider error becomes {@code OTHER}. */
    public static FinishReason finishReason(io.aigw.jca.api.FinishReason reason) {
        if (reason == null) {
            return null;
        }
        switch (reason) {
            case STOP:
                return FinishReason.STOP;
            case LENGTH:
                return FinishReason.LENGTH;
            case TOOL_CALLS:
                return FinishReason.TOOL_EXECUTION;
            case CONTENT_FILTER:
                return FinishReason.CONTENT_FILTER;
            default:
                return FinishReason.OTHER;
        }
    }
}
