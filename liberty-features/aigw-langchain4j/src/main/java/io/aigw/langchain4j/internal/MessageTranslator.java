package io.aigw.langchain4j.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ContentPart;
import io.aigw.jca.api.ImagePart;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * LangChain4j chat messages as the gateway's neutral messages, in order: system, user (text and images), assistant
 * (text and tool calls with their ids) and tool results (answering a call id, with the tool's name and error flag).
 * Content the gateway cannot carry (audio, video, PDF, custom messages) is refused with
 * {@link UnsupportedOperationException} rather than dropped. The assistant's reasoning is not sent back: LangChain4j
 * keeps no provider signature the gateway could return with it.
 */
public final class MessageTranslator {

    private MessageTranslator() {
    }

    /** The conversation in neutral form. */
    public static List<ChatMessage> toGateway(List<dev.langchain4j.data.message.ChatMessage> messages) {
        List<ChatMessage> neutral = new ArrayList<>(messages.size());
        for (dev.langchain4j.data.message.ChatMessage m : messages) {
            neutral.add(toGateway(m));
        }
        return neutral;
    }

    /** One message in neutral form. */
    public static ChatMessage toGateway(dev.langchain4j.data.message.ChatMessage message) {
        if (message instanceof SystemMessage) {
            return ChatMessage.text(Role.SYSTEM, ((SystemMessage) message).text());
        }
        if (message instanceof UserMessage) {
            UserMessage user = (UserMessage) message;
            return new ChatMessage(Role.USER, parts(user.contents()), user.name(), List.of(), null);
        }
        if (message instanceof AiMessage) {
            return assistant((AiMessage) message);
        }
        if (message instanceof ToolExecutionResultMessage) {
            ToolExecutionResultMessage result = (ToolExecutionResultMessage) message;
            return new ChatMessage(Role.TOOL, parts(result.contents()), result.toolName(), List.of(), result.id(),
                    Boolean.TRUE.equals(result.isError()));
        }
        throw new UnsupportedOperationException("The aigw gateway cannot send a LangChain4j "
                + (message == null ? "null" : message.getClass().getSimpleName()) + " message");
    }

    private static ChatMessage assistant(AiMessage ai) {
        List<ContentPart> content = new ArrayList<>();
        if (ai.text() != null && !ai.text().isEmpty()) {
            content.add(new TextPart(ai.text()));
        }
        List<ToolCall> calls = new ArrayList<>();
        for (ToolExecutionRequest request : ai.toolExecutionRequests()) {
            calls.add(ToolTranslator.toGateway(request));
        }
        return new ChatMessage(Role.ASSISTANT, content, null, calls, null);
    }

    private static List<ContentPart> parts(List<Content> contents) {
        List<ContentPart> parts = new ArrayList<>(contents.size());
        for (Content c : contents) {
            if (c instanceof TextContent) {
                parts.add(new TextPart(((TextContent) c).text()));
            } else if (c instanceof ImageContent) {
                parts.add(image((ImageContent) c));
            } else {
                throw new UnsupportedOperationException("The aigw gateway cannot send LangChain4j "
                        + c.getClass().getSimpleName() + " (only text and images)");
            }
        }
        return parts;
    }

    private static ImagePart image(ImageContent content) {
        Image image = content.image();
        String url;
        if (image.url() != null) {
            url = image.url().toString();
        } else if (image.base64Data() != null && image.mimeType() != null) {
            url = "data:" + image.mimeType() + ";base64," + image.base64Data();
        } else {
            throw new IllegalArgumentException("An image without URL needs its base64 data and MIME type");
        }
        return new ImagePart(url, detail(content.detailLevel()));
    }

    private static String detail(ImageContent.DetailLevel level) {
        if (level == null) {
            return null;
        }
        switch (level) {
            case LOW:
                return "low";
            case HIGH:
                return "high";
            case AUTO:
                return "auto";
            default:
                return null;
        }
    }
}
