package io.aigw.langchain4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ImagePart;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTranslatorTest {

    @Test
    void conversationWithToolCallsKeepsOrderIdsAndNames() {
        List<dev.langchain4j.data.message.ChatMessage> conversation = List.of(
                SystemMessage.from("You are terse."),
                UserMessage.from("alice", "Weather in Paris and Rome?"),
                AiMessage.from("Checking.", List.of(
                        ToolExecutionRequest.builder().id("call_1").name("weather").arguments("{\"city\":\"Paris\"}").build(),
                        ToolExecutionRequest.builder().id("call_2").name("weather").arguments("{\"city\":\"Rome\"}").build())),
                ToolExecutionResultMessage.from("call_1", "weather", "18C"),
                ToolExecutionResultMessage.builder().id("call_2").toolName("weather").text("service down").isError(true).build(),
                AiMessage.from("Paris 18C; Rome unknown."));

        List<ChatMessage> neutral = MessageTranslator.toGateway(conversation);

        assertThat(neutral).extracting(ChatMessage::role)
                .containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL, Role.TOOL, Role.ASSISTANT);
        assertThat(neutral.get(0).content()).containsExactly(new TextPart("You are terse."));
        assertThat(neutral.get(1).content()).containsExactly(new TextPart("Weather in Paris and Rome?"));
        assertThat(neutral.get(1).name()).isEqualTo("alice");

        ChatMessage assistant = neutral.get(2);
        assertThat(assistant.content()).containsExactly(new TextPart("Checking."));
        assertThat(assistant.toolCalls()).containsExactly(
                new ToolCall("call_1", "weather", "{\"city\":\"Paris\"}"),
                new ToolCall("call_2", "weather", "{\"city\":\"Rome\"}"));

        ChatMessage first = neutral.get(3);
        assertThat(first.toolCallId()).isEqualTo("call_1");
        assertThat(first.name()).isEqualTo("weather");
        assertThat(first.content()).containsExactly(new TextPart("18C"));
        assertThat(first.toolError()).isFalse();
        ChatMessage second = neutral.get(4);
        assertThat(second.toolCallId()).isEqualTo("call_2");
        assertThat(second.content()).containsExactly(new TextPart("service down"));
        assertThat(second.toolError()).isTrue();

        assertThat(neutral.get(5).text()).isEqualTo("Paris 18C; Rome unknown.");
        assertThat(neutral.get(5).toolCalls()).isEmpty();
    }

    @Test
    void assistantMessageWithOnlyToolCallsHasNoContent() {
        ChatMessage m = MessageTranslator.toGateway(AiMessage.from(
                ToolExecutionRequest.builder().id("c").name("now").arguments("{}").build()));

        assertThat(m.content()).isEmpty();
        assertThat(m.toolCalls()).containsExactly(new ToolCall("c", "now", "{}"));
    }

    @Test
    void userImagesBecomeUrlsOrDataUrlsWithDetail() {
        ChatMessage m = MessageTranslator.toGateway(UserMessage.from(
                TextContent.from("What is this?"),
                ImageContent.from("https://example.com/cat.png", ImageContent.DetailLevel.HIGH),
                ImageContent.from("iVBORw0K", "image/png", ImageContent.DetailLevel.AUTO)));

        assertThat(m.content()).containsExactly(
                new TextPart("What is this?"),
                new ImagePart("https://example.com/cat.png", "high"),
                new ImagePart("data:image/png;base64,iVBORw0K", "auto"));
    }

    @Test
    void contentTheGatewayCannotCarryIsRefused() {
        UserMessage audio = UserMessage.from(AudioContent.from("AAAA", "audio/wav"));

        assertThatThrownBy(() -> MessageTranslator.toGateway(audio))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("AudioContent");
    }
}
