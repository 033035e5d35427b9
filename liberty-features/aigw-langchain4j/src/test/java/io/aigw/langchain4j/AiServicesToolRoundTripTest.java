package io.aigw.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.service.AiServices;
import io.aigw.jca.api.ChatChoice;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import io.aigw.jca.api.ToolDefinition;
import io.aigw.jca.api.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LangChain4j's AiServices calling a {@code @Tool} through the governed model: two gateway calls, one tool run. */
class AiServicesToolRoundTripTest {

    interface Assistant {
        String chat(String question);
    }

    static final class Inventory {
        final List<String> calls = new ArrayList<>();

        @Tool("Units of a product in stock in one warehouse")
        int stock(@P(name = "sku", description = "product SKU") String sku,
                  @P(name = "warehouse", description = "warehouse number") int warehouse) {
            calls.add(sku + "@" + warehouse);
            return 17;
        }
    }

    @Test
    void toolCallIsExecutedAndItsResultSentBackWithTheCallId() {
        FakeAiClient client = new FakeAiClient("assistant");
        ChatMessage toolCall = new ChatMessage(Role.ASSISTANT, List.of(), null,
                List.of(new ToolCall("call_abc", "stock", "{\"sku\":\"X-1\",\"warehouse\":3}")), null);
        client.then(new io.aigw.jca.api.ChatResponse("r1", "gpt", 0L,
                        List.of(new ChatChoice(0, toolCall, FinishReason.TOOL_CALLS)), Usage.of(40, 12), null))
                .then(new io.aigw.jca.api.ChatResponse("r2", "gpt", 0L,
                        List.of(new ChatChoice(0, ChatMessage.text(Role.ASSISTANT, "17 units of X-1 in warehouse 3."),
                                FinishReason.STOP)), Usage.of(60, 9), null));
        Inventory inventory = new Inventory();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(new GovernedChatModel(client))
                .tools(inventory)
                .build();

        String answer = assistant.chat("How many X-1 in warehouse 3?");

        assertThat(answer).isEqualTo("17 units of X-1 in warehouse 3.");
        assertThat(inventory.calls).containsExactly("X-1@3");
        assertThat(client.chatRequests).hasSize(2);

        io.aigw.jca.api.ChatRequest first = client.chatRequests.get(0);
        assertThat(first.model()).isEqualTo("assistant");
        assertThat(first.messages()).containsExactly(new ChatMessage(Role.USER,
                List.of(new TextPart("How many X-1 in warehouse 3?")), null, List.of(), null));
        assertThat(first.tools()).hasSize(1);
        ToolDefinition stock = first.tools().get(0);
        assertThat(stock.name()).isEqualTo("stock");
        assertThat(stock.description()).isEqualTo("Units of a product in stock in one warehouse");
        assertThat(stock.parameters()).isEqualTo(Map.of(
                "type", "object",
                "properties", Map.of(
                        "sku", Map.of("type", "string", "description", "product SKU"),
                        "warehouse", Map.of("type", "integer", "description", "warehouse number")),
                "required", List.of("sku", "warehouse")));

        io.aigw.jca.api.ChatRequest second = client.chatRequests.get(1);
        assertThat(second.messages()).hasSize(3);
        assertThat(second.messages().get(0).role()).isEqualTo(Role.USER);
        ChatMessage echoed = second.messages().get(1);
        assertThat(echoed.role()).isEqualTo(Role.ASSISTANT);
        assertThat(echoed.toolCalls()).containsExactly(
                new ToolCall("call_abc", "stock", "{\"sku\":\"X-1\",\"warehouse\":3}"));
        ChatMessage result = second.messages().get(2);
        assertThat(result.role()).isEqualTo(Role.TOOL);
        assertThat(result.toolCallId()).isEqualTo("call_abc");
        assertThat(result.name()).isEqualTo("stock");
        assertThat(result.content()).containsExactly(new TextPart("17"));
        assertThat(result.toolError()).isFalse();
    }
}
