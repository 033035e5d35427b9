package io.aigw.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.aigw.jca.api.ChatChoice;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.GenerationOptions;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ReasoningPart;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import io.aigw.jca.api.Usage;
import io.aigw.jca.api.gateway.RateLimitedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GovernedChatModelTest {

    private final FakeAiClient client = new FakeAiClient("openai/gpt-4o-mini");
    private final GovernedChatModel model = new GovernedChatModel(client);

    @Test
    void requestCarriesMessagesOptionsToolsAndToolChoice() {
        client.then(answer("hi", io.aigw.jca.api.FinishReason.STOP));
        ToolSpecification clock = ToolSpecification.builder().name("now").description("current time").build();

        model.chat(ChatRequest.builder()
                .messages(SystemMessage.from("Be brief."), UserMessage.from("Hello"))
                .modelName("ignored-by-the-bound-client")
                .temperature(0.2).topP(0.9).maxOutputTokens(64).stopSequences(List.of("END"))
                .frequencyPenalty(0.5).presencePenalty(0.25).topK(40)
                .toolSpecifications(clock).toolChoice(ToolChoice.REQUIRED)
                .build());

        assertThat(client.chatRequests).hasSize(1);
        io.aigw.jca.api.ChatRequest sent = client.chatRequests.get(0);
        assertThat(sent.model()).isEqualTo("openai/gpt-4o-mini");
        assertThat(sent.stream()).isFalse();
        assertThat(sent.messages()).containsExactly(ChatMessage.text(Role.SYSTEM, "Be brief."),
                new ChatMessage(Role.USER, List.of(new TextPart("Hello")), null, List.of(), null));
        assertThat(sent.options()).isEqualTo(new GenerationOptions(0.2, 0.9, 64, List.of("END"), null));
        assertThat(sent.tools()).extracting(io.aigw.jca.api.ToolDefinition::name).containsExactly("now");
        assertThat(sent.toolChoice()).isEqualTo("required");
        assertThat(sent.responseFormat()).isNull();
        assertThat(sent.extensions()).containsExactly(Map.entry("frequency_penalty", 0.5),
                Map.entry("presence_penalty", 0.25), Map.entry("anthropic.top_k", 40));
    }

    @Test
    void defaultParametersApplyUnlessTheRequestOverridesThem() {
        GovernedChatModel withDefaults = new GovernedChatModel(client,
                ChatRequestParameters.builder().temperature(0.7).maxOutputTokens(100).build());
        client.then(answer("ok", io.aigw.jca.api.FinishReason.STOP));

        withDefaults.chat(ChatRequest.builder().messages(UserMessage.from("x")).maxOutputTokens(5).build());

        assertThat(client.chatRequests.get(0).options()).isEqualTo(new GenerationOptions(0.7, null, 5, List.of(), null));
        assertThat(client.chatRequests.get(0).toolChoice()).isNull();
        assertThat(client.chatRequests.get(0).extensions()).isEmpty();
    }

    @Test
    void jsonSchemaResponseFormatIsSentAsJsonSchema() {
        client.then(answer("{\"city\":\"Paris\"}", io.aigw.jca.api.FinishReason.STOP));
        ResponseFormat format = ResponseFormat.builder().type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name("City")
                        .rootElement(JsonObjectSchema.builder().addStringProperty("city").required("city").build())
                        .build())
                .build();

        model.chat(ChatRequest.builder().messages(UserMessage.from("Capital of France?")).responseFormat(format).build());

        io.aigw.jca.api.ResponseFormat sent = client.chatRequests.get(0).responseFormat();
        assertThat(sent.type()).isEqualTo("json_schema");
        assertThat(sent.jsonSchema()).isEqualTo(Map.of("name", "City", "schema", Map.of(
                "type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city"))));
    }

    @Test
    void answerWithTextToolCallsUsageFinishReasonModelAndId() {
        ChatMessage assistant = new ChatMessage(Role.ASSISTANT,
                List.of(new ReasoningPart("Need the time.", "sig", null), new TextPart("Let me check.")), null,
                List.of(new ToolCall("call_7", "now", "{\"zone\":\"UTC\"}"), new ToolCall("call_8", "uptime", "")),
                null);
        client.then(new io.aigw.jca.api.ChatResponse("chatcmpl-42", "gpt-4o-mini-2024-07-18", 1L,
                List.of(new ChatChoice(0, assistant, io.aigw.jca.api.FinishReason.TOOL_CALLS)), Usage.of(12, 7), null));

        ChatResponse response = model.chat(ChatRequest.builder().messages(UserMessage.from("time?")).build());

        assertThat(response.aiMessage().text()).isEqualTo("Let me check.");
        assertThat(response.aiMessage().thinking()).isEqualTo("Need the time.");
        assertThat(response.aiMessage().toolExecutionRequests()).containsExactly(
                ToolExecutionRequest.builder().id("call_7").name("now").arguments("{\"zone\":\"UTC\"}").build(),
                ToolExecutionRequest.builder().id("call_8").name("uptime").arguments("{}").build());
        assertThat(response.tokenUsage()).isEqualTo(new TokenUsage(12, 7, 19));
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(response.modelName()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(response.id()).isEqualTo("chatcmpl-42");
    }

    @Test
    void finishReasonsMapToLangChain4j() {
        assertThat(finishOf(io.aigw.jca.api.FinishReason.STOP)).isEqualTo(FinishReason.STOP);
        assertThat(finishOf(io.aigw.jca.api.FinishReason.LENGTH)).isEqualTo(FinishReason.LENGTH);
        assertThat(finishOf(io.aigw.jca.api.FinishReason.CONTENT_FILTER)).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(finishOf(io.aigw.jca.api.FinishReason.ERROR)).isEqualTo(FinishReason.OTHER);
        assertThat(finishOf(null)).isNull();
    }

    @Test
    void refusalKeepsTheTypedCause() {
        RateLimitedException refusal = new RateLimitedException("rate_limit_exceeded", "too many requests",
                Duration.ofSeconds(30));
        client.then(refusal);

        GatewayCallException e = catchThrowableOfType(GatewayCallException.class,
                () -> model.chat("Hello"));

        assertThat(e).isInstanceOf(LangChain4jException.class).hasMessage("too many requests");
        assertThat(e.getCause()).isSameAs(refusal);
        assertThat(e.providerException()).isSameAs(refusal);
        assertThat(e.kind()).isEqualTo(ProviderException.Kind.RATE_LIMITED);
        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(((RateLimitedException) e.providerException()).code()).isEqualTo("rate_limit_exceeded");
    }

    private FinishReason finishOf(io.aigw.jca.api.FinishReason reason) {
        client.then(answer("x", reason));
        return model.chat(ChatRequest.builder().messages(UserMessage.from("x")).build()).finishReason();
    }

    static io.aigw.jca.api.ChatResponse answer(String text, io.aigw.jca.api.FinishReason reason) {
        return new io.aigw.jca.api.ChatResponse("id-1", "m", 0L,
                List.of(new ChatChoice(0, ChatMessage.text(Role.ASSISTANT, text), reason)), Usage.of(1, 1), null);
    }
}
