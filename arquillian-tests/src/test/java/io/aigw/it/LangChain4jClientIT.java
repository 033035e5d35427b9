package io.aigw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.aigw.it.support.Gateway;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** LangChain4j's OpenAI client (a Java client written by others) against the gateway. */
class LangChain4jClientIT extends GatewayIT {

    private String base() {
        return "http://" + url.getHost() + ":" + url.getPort() + "/v1";
    }

    private static JdkHttpClientBuilder http() {
        return new JdkHttpClientBuilder().httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1));
    }

    private OpenAiChatModel chat(String key, String model) {
        return OpenAiChatModel.builder().baseUrl(base()).apiKey(key).modelName(model).maxRetries(0)
                .httpClientBuilder(http()).build();
    }

    @Test
    void chatsPlainStreamedAndWithTools() throws Exception {
        assertThat(chat(Gateway.ADMIN_KEY, "openai/gpt-4o-mini").chat("Say hello")).isEqualTo("Hello from gpt-4o-mini.");

        OpenAiStreamingChatModel streaming = OpenAiStreamingChatModel.builder().baseUrl(base())
                .apiKey(Gateway.ADMIN_KEY).modelName("anthropic/claude-haiku-4-5").httpClientBuilder(http()).build();
        StringBuilder partial = new StringBuilder();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        streaming.chat("hi there", new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String text) {
                partial.append(text);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse streamed = done.get(30, TimeUnit.SECONDS);
        assertThat(partial.toString()).isEqualTo("Hello from claude-haiku-4-5.");
        assertThat(streamed.aiMessage().text()).isEqualTo("Hello from claude-haiku-4-5.");
        assertThat(streamed.tokenUsage().outputTokenCount()).isEqualTo(3);

        ToolSpecification weather = ToolSpecification.builder().name("get_weather")
                .parameters(JsonObjectSchema.builder().addStringProperty("city").build()).build();
        ChatResponse tools = chat(Gateway.ADMIN_KEY, "openai/gpt-4o-mini").chat(ChatRequest.builder()
                .messages(UserMessage.from("weather?")).toolSpecifications(weather).build());
        List<ToolExecutionRequest> calls = tools.aiMessage().toolExecutionRequests();
        assertThat(calls).extracting(ToolExecutionRequest::arguments)
                .containsExactly("{\"city\":\"Paris\"}", "{\"city\":\"Rome\"}");
    }

    @Test
    void embedsLocallyAndReportsTypedErrors() {
        OpenAiEmbeddingModel embeddings = OpenAiEmbeddingModel.builder().baseUrl(base()).apiKey(Gateway.ADMIN_KEY)
                .modelName("local/all-minilm-l6-v2").httpClientBuilder(http()).maxRetries(0).build();
        assertThat(embeddings.embed("hello world").content().dimension()).isEqualTo(384);

        assertThatThrownBy(() -> chat("aigw-wrong-key", "openai/gpt-4o-mini").chat("x"))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> chat(Gateway.ADMIN_KEY, "nosuch-model").chat("x"))
                .isInstanceOf(ModelNotFoundException.class);
    }
}
