package io.aigw.jca.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aigw.jca.api.ChatChoice;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.ConnectionStatus;
import io.aigw.jca.api.EmbeddingRequest;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.ModelInfo;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.api.Usage;
import io.aigw.jca.api.gateway.AiGateway;
import io.aigw.jca.api.gateway.AiGateways;
import io.aigw.jca.api.gateway.GatewayUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GovernedConnectionTest {

    private final Recording gateway = new Recording();
    private final GovernedConnection connection = new GovernedConnection("azure", "openai");

    @AfterEach
    void unregister() {
        AiGateways.unregister(gateway);
    }

    @Test
    void callsGoThroughTheGatewayAsConnectionQualifiedModels() throws Exception {
        AiGateways.register(gateway);
        ChatResponse answer = connection.chat(ChatRequest.of("gpt-4o-mini",
                List.of(ChatMessage.text(Role.USER, "hi"))).withStream(true));
        assertThat(answer.model()).isEqualTo("azure/gpt-4o-mini");
        assertThat(gateway.models).containsExactly("chat azure/gpt-4o-mini stream=false");
        connection.embed(new EmbeddingRequest("text-embedding-3-small", List.of("a"), null, null));
        assertThat(gateway.models).last().isEqualTo("embed azure/text-embedding-3-small");
    }

    @Test
    void theModelListIsTheConnectionsOwnWithItsOwnIds() throws Exception {
        AiGateways.register(gateway);
        assertThat(connection.listModels()).extracting(ModelInfo::id).containsExactly("gpt-4o-mini");
        assertThat(connection.status()).isEqualTo(new ConnectionStatus("azure", "openai", true, null));
    }

    @Test
    void withoutARunningGatewayCallsAreRefusedAndTheStatusSaysWhy() {
        assertThatThrownBy(() -> connection.chat(ChatRequest.of("m", List.of(ChatMessage.text(Role.USER, "x")))))
                .isInstanceOf(GatewayUnavailableException.class).hasMessageContaining("not running");
        ConnectionStatus status = connection.status();
        assertThat(status.available()).isFalse();
        assertThat(status.reason()).contains("not running");
    }

    @Test
    void aClosedHandleRefusesEveryCall() {
        AiGateways.register(gateway);
        connection.close();
        assertThatThrownBy(() -> connection.listModels()).isInstanceOf(IllegalStateException.class);
    }

    /** A gateway that records what it was asked. */
    private static final class Recording implements AiGateway {
        final List<String> models = new ArrayList<>();

        @Override
        public ChatResponse chat(ChatRequest request) {
            models.add("chat " + request.model() + " stream=" + request.stream());
            return new ChatResponse("id", request.model(), 0, List.of(new ChatChoice(0,
                    ChatMessage.text(Role.ASSISTANT, "ok"), FinishReason.STOP)), Usage.of(1, 1), null);
        }

        @Override
        public StreamOutcome streamChat(ChatRequest request, ChatStreamListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public EmbeddingResponse embed(EmbeddingRequest request) {
            models.add("embed " + request.model());
            return new EmbeddingResponse(request.model(), List.of(new float[] {1f}), Usage.of(1, 0));
        }

        @Override
        public List<ModelInfo> models() {
            return List.of(new ModelInfo("azure/gpt-4o-mini", "azure", 0, Set.of(ModelInfo.Capability.CHAT)),
                    new ModelInfo("azureish/x", "azureish", 0, Set.of()),
                    new ModelInfo("local/all-minilm-l6-v2", "local", 0, Set.of()));
        }

        @Override
        public List<ConnectionStatus> connections() {
            return List.of(new ConnectionStatus("azure", "openai", true, null));
        }
    }
}
