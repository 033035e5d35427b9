package io.aigw.codec.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.ToolCallDelta;
import io.aigw.jca.api.ReasoningDelta;
import io.aigw.jca.api.Usage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicStreamDecoderTest {

    /** A realistic Anthropic stream: a text block, then a tool_use block, a tool_use stop and the usage. */
    private static final List<String> EVENTS = List.of(
            """
            {"type":"message_start","message":{"id":"msg_01XYZ","type":"message","role":"assistant","content":[],
             "model":"claude-3-5-haiku-20241022","stop_reason":null,"stop_sequence":null,
             "usage":{"input_tokens":25,"cache_creation_input_tokens":0,"cache_read_input_tokens":100,
                      "output_tokens":1}}}""",
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
            "{\"type\":\"ping\"}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Let me \"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"check.\"}}",
            "{\"type\":\"content_block_stop\",\"index\":0}",
            """
            {"type":"content_block_start","index":1,
             "content_block":{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{}}}""",
            """
            {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\": "}}""",
            """
            {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\\"Paris\\"}"}}""",
            "{\"type\":\"content_block_stop\",\"index\":1}",
            """
            {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},
             "usage":{"output_tokens":42}}""",
            "{\"type\":\"message_stop\"}");

    private static List<ChatChunk> feed(AnthropicStreamDecoder decoder, List<String> events) {
        List<ChatChunk> out = new ArrayList<>();
        for (String e : events) {
            out.addAll(decoder.decode(JsonText.parseObject(e)));
        }
        return out;
    }

    @Test
    void decodesARealisticStreamIntoNeutralChunks() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();

        List<ChatChunk> chunks = feed(decoder, EVENTS);

        assertThat(chunks).extracting(ChatChunk::choices).containsExactly(
                List.of(new ChoiceDelta(0, Role.ASSISTANT, "", null, List.of(), null)),
                List.of(new ChoiceDelta(0, null, "Let me ", null, List.of(), null)),
                List.of(new ChoiceDelta(0, null, "check.", null, List.of(), null)),
                List.of(new ChoiceDelta(0, null, null, null,
                        List.of(new ToolCallDelta(0, "toolu_01", "get_weather", "")), null)),
                List.of(new ChoiceDelta(0, null, null, null, List.of(new ToolCallDelta(0, null, null, "{\"city\": ")),
                        null)),
                List.of(new ChoiceDelta(0, null, null, null, List.of(new ToolCallDelta(0, null, null, "\"Paris\"}")),
                        null)),
                List.of(new ChoiceDelta(0, null, null, null, List.of(), FinishReason.TOOL_CALLS)),
                List.of());
        Usage expected = new Usage(125, 42, 100, 0, 0, false);
        // only the last chunk carries the usage
        assertThat(chunks).extracting(ChatChunk::usage).containsExactly(null, null, null, null, null, null, null,
                expected);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.id()).isEqualTo("msg_01XYZ");
            assertThat(c.model()).isEqualTo("claude-3-5-haiku-20241022");
        });
        assertThat(decoder.stopped()).isTrue();
        assertThat(decoder.usage()).isEqualTo(expected);
        assertThat(decoder.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void isNotStoppedBeforeMessageStop() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();

        feed(decoder, EVENTS.subList(0, EVENTS.size() - 1));

        assertThat(decoder.stopped()).isFalse();
        assertThat(decoder.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(decoder.usage()).isEqualTo(new Usage(125, 42, 100, 0, 0, false));
    }

    @Test
    void numbersToolCallsInOrderOfTheirBlocks() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();

        List<ChatChunk> chunks = feed(decoder, List.of(
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"m\",\"usage\":{\"input_tokens\":3}}}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t_a\",\"name\":\"a\",\"input\":{}}}",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t_b\",\"name\":\"b\",\"input\":{}}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{}\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{}\"}}"));

        assertThat(chunks.subList(1, 5)).extracting(c -> c.choices().get(0).toolCalls().get(0)).containsExactly(
                new ToolCallDelta(0, "t_a", "a", ""), new ToolCallDelta(1, "t_b", "b", ""),
                new ToolCallDelta(1, null, null, "{}"), new ToolCallDelta(0, null, null, "{}"));
    }

    @Test
    void aStreamWithoutUsageEndsWithAnEmptyUsageChunk() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();

        List<ChatChunk> chunks = feed(decoder, List.of(
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"m\"}}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"Hi\"}}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\"}}",
                "{\"type\":\"message_stop\"}"));

        assertThat(chunks).hasSize(4);
        assertThat(chunks.get(1).choices().get(0).content()).isEqualTo("Hi");
        assertThat(chunks.get(2).choices().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(chunks.get(3).usage()).isEqualTo(Usage.NONE);
        assertThat(decoder.usage()).isNull();
    }

    @Test
    void thinkingBecomesReasoningDeltasAndUnknownEventsAreIgnored() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();

        List<ChatChunk> chunks = feed(decoder, List.of(
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"hm\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"s\"}}",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"xyz\"}}",
                "{\"type\":\"something_new\"}",
                "{\"type\":\"message_delta\",\"delta\":{},\"usage\":{\"output_tokens\":4}}"));

        assertThat(chunks).extracting(c -> c.choices().get(0).reasoning()).containsExactly(
                new ReasoningDelta("hm", null, null), new ReasoningDelta(null, "s", null),
                new ReasoningDelta(null, null, "xyz"));
        assertThat(chunks).allSatisfy(c -> assertThat(c.choices().get(0).content()).isNull());
        assertThat(decoder.usage()).isEqualTo(Usage.of(0, 4));
    }

    @Test
    void aMessageDeltaWithEveryUsageFieldReplacesTheStartUsage() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();

        feed(decoder, List.of(
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"usage\":{\"input_tokens\":3,"
                        + "\"cache_read_input_tokens\":2,\"cache_creation_input_tokens\":0,\"output_tokens\":1}}}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"input_tokens\":5,"
                        + "\"cache_read_input_tokens\":4,\"cache_creation_input_tokens\":7,\"output_tokens\":9}}"));

        assertThat(decoder.usage()).isEqualTo(new Usage(16, 9, 4, 7, 0, false));
    }

    @Test
    void usageFieldsAMessageDeltaLeavesOutKeepTheirValue() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();

        feed(decoder, List.of(
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"usage\":{\"input_tokens\":3,"
                        + "\"cache_read_input_tokens\":2}}}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                        + "\"usage\":{\"input_tokens\":5,\"cache_creation_input_tokens\":7,\"output_tokens\":9}}"));

        // documented: "Later usage fields replace earlier ones; fields an event leaves out keep their value."
        // input 5 (replaced) + cache read 2 (left out: kept) + cache write 7 = 14; actual: Usage[12, 9, 0, 7]
        assertThat(decoder.usage()).isEqualTo(new Usage(14, 9, 2, 7, 0, false));
    }

    @Test
    void rejectsAnInputJsonDeltaForABlockThatIsNotAToolCall() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
        feed(decoder, EVENTS.subList(0, 2));

        InvalidMessageException e = catchThrowableOfType(() -> decoder.decode(JsonText.parseObject(
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\","
                        + "\"partial_json\":\"{}\"}}")), InvalidMessageException.class);

        assertThat(e).isNotNull();
        assertThat(e.param()).isEqualTo("index");
    }

    @Test
    void rejectsMalformedEvents() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();

        assertThat(catchThrowableOfType(() -> decoder.decode(JsonText.parseObject("{\"message\":{}}")),
                InvalidMessageException.class).param()).isEqualTo("type");
        assertThat(catchThrowableOfType(() -> decoder.decode(JsonText.parseObject("{\"type\":\"message_start\"}")),
                InvalidMessageException.class).param()).isEqualTo("message");
        assertThat(catchThrowableOfType(() -> decoder.decode(JsonText.parseObject(
                "{\"type\":\"content_block_delta\",\"index\":0}")), InvalidMessageException.class).param())
                .isEqualTo("delta");
    }
}
