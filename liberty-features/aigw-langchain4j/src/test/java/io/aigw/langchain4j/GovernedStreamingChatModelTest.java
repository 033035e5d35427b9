package io.aigw.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ReasoningDelta;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.api.ToolCallDelta;
import io.aigw.jca.api.Usage;
import io.aigw.jca.api.gateway.BudgetExhaustedException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GovernedStreamingChatModelTest {

    private final FakeAiClient client = new FakeAiClient("anthropic/claude");
    private final GovernedStreamingChatModel model = new GovernedStreamingChatModel(client);
    private final RecordingHandler handler = new RecordingHandler();

    @Test
    void textDeltasAreForwardedInOrderAndAssembled() {
        client.then(new FakeAiClient.Stream(List.of(
                chunk(new ChoiceDelta(0, Role.ASSISTANT, null, null, null, null,
                        new ReasoningDelta("Think", null, null))),
                chunk(new ChoiceDelta(0, null, "Hel", null, null, null)),
                chunk(new ChoiceDelta(0, null, "", null, null, null)),
                chunk(new ChoiceDelta(0, null, "lo, ", null, null, null)),
                chunk(new ChoiceDelta(1, null, "other choice", null, null, null)),
                chunk(new ChoiceDelta(0, null, "world", null, null, io.aigw.jca.api.FinishReason.STOP))),
                new StreamOutcome(Usage.of(11, 4), io.aigw.jca.api.FinishReason.STOP, 6), null));

        model.chat(ChatRequest.builder().messages(UserMessage.from("Say hello")).temperature(0.1).build(), handler);

        assertThat(client.chatRequests.get(0).stream()).isTrue();
        assertThat(client.chatRequests.get(0).model()).isEqualTo("anthropic/claude");
        assertThat(client.chatRequests.get(0).options().temperature()).isEqualTo(0.1);
        assertThat(handler.events).containsExactly("thinking:Think", "text:Hel", "text:lo, ", "text:world", "complete");
        ChatResponse complete = handler.complete;
        assertThat(complete.aiMessage().text()).isEqualTo("Hello, world");
        assertThat(complete.aiMessage().thinking()).isEqualTo("Think");
        assertThat(complete.aiMessage().hasToolExecutionRequests()).isFalse();
        assertThat(complete.tokenUsage()).isEqualTo(new TokenUsage(11, 4, 15));
        assertThat(complete.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(complete.id()).isEqualTo("chunk-id");
        assertThat(complete.modelName()).isEqualTo("claude-x");
        assertThat(handler.error).isNull();
    }

    @Test
    void toolCallFragmentsAreReassembledByIndex() {
        client.then(new FakeAiClient.Stream(List.of(
                chunk(new ChoiceDelta(0, Role.ASSISTANT, "Checking both.", null, null, null)),
                chunk(new ChoiceDelta(0, null, null, null, List.of(
                        new ToolCallDelta(0, "call_a", "weather", ""),
                        new ToolCallDelta(1, "call_b", "weather", "{\"ci")), null)),
                chunk(new ChoiceDelta(0, null, null, null, List.of(
                        new ToolCallDelta(0, null, null, "{\"city\":"),
                        new ToolCallDelta(1, null, null, "ty\":\"Rome\"}")), null)),
                chunk(new ChoiceDelta(0, null, null, null, List.of(
                        new ToolCallDelta(0, null, null, "\"Paris\"}")), io.aigw.jca.api.FinishReason.TOOL_CALLS)),
                new ChatChunk("chunk-id", "claude-x", 0L, List.of(), Usage.of(30, 20), null)),
                new StreamOutcome(null, null, 5), null));

        model.chat(ChatRequest.builder().messages(UserMessage.from("Weather?")).build(), handler);

        ToolExecutionRequest paris = ToolExecutionRequest.builder()
                .id("call_a").name("weather").arguments("{\"city\":\"Paris\"}").build();
        ToolExecutionRequest rome = ToolExecutionRequest.builder()
                .id("call_b").name("weather").arguments("{\"city\":\"Rome\"}").build();
        assertThat(handler.events).containsExactly("text:Checking both.",
                "partialTool:1:call_b:weather:{\"ci",
                "partialTool:0:call_a:weather:{\"city\":",
                "partialTool:1:call_b:weather:ty\":\"Rome\"}",
                "partialTool:0:call_a:weather:\"Paris\"}",
                "completeTool:0", "completeTool:1", "complete");
        assertThat(handler.completeToolCalls).containsExactly(new CompleteToolCall(0, paris),
                new CompleteToolCall(1, rome));
        assertThat(handler.complete.aiMessage().text()).isEqualTo("Checking both.");
        assertThat(handler.complete.aiMessage().toolExecutionRequests()).containsExactly(paris, rome);
        // the outcome has neither: the usage chunk and the last finish reason of the stream count
        assertThat(handler.complete.tokenUsage()).isEqualTo(new TokenUsage(30, 20, 50));
        assertThat(handler.complete.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    }

    @Test
    void providerFailureMidStreamArrivesThroughOnErrorWithTheTypedCause() {
        BudgetExhaustedException refusal = new BudgetExhaustedException("budget_exceeded", "monthly budget spent", null);
        client.then(new FakeAiClient.Stream(List.of(chunk(new ChoiceDelta(0, null, "Par", null, null, null))),
                null, refusal));

        model.chat(ChatRequest.builder().messages(UserMessage.from("x")).build(), handler);

        assertThat(handler.events).containsExactly("text:Par", "error");
        assertThat(handler.complete).isNull();
        assertThat(handler.error).isInstanceOf(GatewayCallException.class).hasMessage("monthly budget spent");
        assertThat(((GatewayCallException) handler.error).providerException()).isSameAs(refusal);
        assertThat(((GatewayCallException) handler.error).kind()).isEqualTo(refusal.kind());
    }

    @Test
    void handlerFailureStopsTheStreamAndIsReported() {
        IllegalStateException boom = new IllegalStateException("client went away");
        handler.failOnText = boom;
        client.then(new FakeAiClient.Stream(List.of(
                chunk(new ChoiceDelta(0, null, "one", null, null, null)),
                chunk(new ChoiceDelta(0, null, "two", null, null, null))),
                new StreamOutcome(Usage.of(1, 2), io.aigw.jca.api.FinishReason.STOP, 2), null));

        model.chat(ChatRequest.builder().messages(UserMessage.from("x")).build(), handler);

        assertThat(client.chunksDelivered).isZero();
        assertThat(handler.events).containsExactly("text:one", "error");
        assertThat(handler.error).isSameAs(boom);
        assertThat(handler.complete).isNull();
    }

    @Test
    void cancelThroughTheContextStopsTheStreamSilently() {
        handler.cancelOnText = true;
        client.then(new FakeAiClient.Stream(List.of(
                chunk(new ChoiceDelta(0, null, "one", null, null, null)),
                chunk(new ChoiceDelta(0, null, "two", null, null, null))),
                new StreamOutcome(Usage.of(1, 2), io.aigw.jca.api.FinishReason.STOP, 2), null));

        model.chat(ChatRequest.builder().messages(UserMessage.from("x")).build(), handler);

        assertThat(client.chunksDelivered).isZero();
        assertThat(handler.events).containsExactly("text:one");
    }

    private static ChatChunk chunk(ChoiceDelta delta) {
        return new ChatChunk("chunk-id", "claude-x", 0L, List.of(delta), null, null);
    }

    /** Records every callback in order. */
    static final class RecordingHandler implements StreamingChatResponseHandler {
        final List<String> events = new ArrayList<>();
        final List<CompleteToolCall> completeToolCalls = new ArrayList<>();
        ChatResponse complete;
        Throwable error;
        RuntimeException failOnText;
        boolean cancelOnText;

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            events.add("text:" + partial.text());
            if (cancelOnText) {
                context.streamingHandle().cancel();
            }
            if (failOnText != null) {
                throw failOnText;
            }
        }

        @Override
        public void onPartialThinking(PartialThinking thinking) {
            events.add("thinking:" + thinking.text());
        }

        @Override
        public void onPartialToolCall(PartialToolCall call) {
            events.add("partialTool:" + call.index() + ":" + call.id() + ":" + call.name() + ":"
                    + call.partialArguments());
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall call) {
            events.add("completeTool:" + call.index());
            completeToolCalls.add(call);
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            events.add("complete");
            complete = response;
        }

        @Override
        public void onError(Throwable e) {
            events.add("error");
            error = e;
        }
    }
}
