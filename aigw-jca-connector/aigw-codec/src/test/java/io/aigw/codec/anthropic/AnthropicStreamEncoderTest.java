package io.aigw.codec.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.codec.json.JsonText;
import io.aigw.codec.anthropic.AnthropicStreamEncoder.Event;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.ToolCallDelta;
import io.aigw.jca.api.ReasoningDelta;
import io.aigw.jca.api.Usage;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicStreamEncoderTest {

    private static JsonObject json(String text) {
        return JsonText.parseObject(text);
    }

    private static ChatChunk delta(ChoiceDelta d) {
        return new ChatChunk("chatcmpl-7", "gpt-4o-mini", 1, List.of(d), null, null);
    }

    private static ChatChunk text(String content) {
        return delta(new ChoiceDelta(0, null, content, null, List.of(), null));
    }

    private static ChatChunk tool(int index, String id, String name, String fragment) {
        return delta(new ChoiceDelta(0, null, null, null, List.of(new ToolCallDelta(index, id, name, fragment)), null));
    }

    private static ChatChunk finish(FinishReason reason) {
        return delta(new ChoiceDelta(0, null, null, null, List.of(), reason));
    }

    private static ChatChunk usage(Usage u) {
        return new ChatChunk("chatcmpl-7", "gpt-4o-mini", 1, List.of(), u, null);
    }

    private static List<Event> encode(AnthropicStreamEncoder encoder, List<ChatChunk> chunks) {
        List<Event> out = new ArrayList<>();
        for (ChatChunk c : chunks) {
            out.addAll(encoder.chunk(c));
        }
        out.addAll(encoder.end());
        return out;
    }

    private static ChatChunk reasoning(String text, String signature, String redacted) {
        return delta(new ChoiceDelta(0, null, null, null, List.of(), null, new ReasoningDelta(text, signature, redacted)));
    }

    @Test
    void encodesReasoningAsThinkingBlocksBeforeTheText() {
        AnthropicStreamEncoder encoder = new AnthropicStreamEncoder("anthropic/claude-sonnet-4-5");

        List<Event> events = encode(encoder, List.of(
                reasoning("Let me ", null, null), reasoning("think.", null, null), reasoning(null, "sig-1", null),
                reasoning(null, null, "opaque"), text("Answer"), finish(FinishReason.STOP)));

        assertThat(events).extracting(Event::name).containsExactly("message_start",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta",
                "content_block_stop", "content_block_start", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(events.get(1).data()).isEqualTo(json("""
                {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}"""));
        assertThat(events.get(2).data().getJsonObject("delta")).isEqualTo(json("""
                {"type":"thinking_delta","thinking":"Let me "}"""));
        assertThat(events.get(4).data().getJsonObject("delta")).isEqualTo(json("""
                {"type":"signature_delta","signature":"sig-1"}"""));
        assertThat(events.get(6).data()).isEqualTo(json("""
                {"type":"content_block_start","index":1,"content_block":{"type":"redacted_thinking","data":"opaque"}}"""));
        assertThat(events.get(8).data()).isEqualTo(json("""
                {"type":"content_block_start","index":2,"content_block":{"type":"text","text":""}}"""));
    }

    @Test
    void encodesAnOpenAiTextStreamAsAnthropicEvents() {
        AnthropicStreamEncoder encoder = new AnthropicStreamEncoder("openai/gpt-4o-mini");

        List<Event> events = encode(encoder, List.of(
                delta(new ChoiceDelta(0, Role.ASSISTANT, "", null, List.of(), null)),
                text("Hel"), text("lo"),
                finish(FinishReason.STOP),
                usage(new Usage(12, 2, 0, 0, 0, false))));

        assertThat(events).extracting(Event::name).containsExactly("message_start", "content_block_start",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(events).allSatisfy(e -> assertThat(e.data().getString("type")).isEqualTo(e.name()));
        assertThat(events.get(0).data()).isEqualTo(json("""
                {"type":"message_start","message":{"id":"msg_chatcmpl-7","type":"message","role":"assistant",
                 "model":"openai/gpt-4o-mini","content":[],"stop_reason":null,"stop_sequence":null,
                 "usage":{"input_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,
                          "output_tokens":0}}}
                """));
        assertThat(events.get(1).data()).isEqualTo(json("""
                {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}
                """));
        assertThat(events.get(2).data()).isEqualTo(json("""
                {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}
                """));
        assertThat(events.get(3).data()).isEqualTo(json("""
                {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo"}}
                """));
        assertThat(events.get(4).data()).isEqualTo(json("{\"type\":\"content_block_stop\",\"index\":0}"));
        assertThat(events.get(5).data()).isEqualTo(json("""
                {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},
                 "usage":{"input_tokens":12,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,
                          "output_tokens":2}}
                """));
        assertThat(events.get(6).data()).isEqualTo(json("{\"type\":\"message_stop\"}"));
    }

    @Test
    void emitsEventsAsChunksArriveNotOnlyAtTheEnd() {
        AnthropicStreamEncoder encoder = new AnthropicStreamEncoder("m");

        assertThat(encoder.chunk(delta(new ChoiceDelta(0, Role.ASSISTANT, "", null, List.of(), null))))
                .extracting(Event::name).containsExactly("message_start");
        assertThat(encoder.chunk(text("Hi"))).extracting(Event::name)
                .containsExactly("content_block_start", "content_block_delta");
        assertThat(encoder.chunk(text("!"))).extracting(Event::name).containsExactly("content_block_delta");
        assertThat(encoder.chunk(finish(FinishReason.LENGTH))).isEmpty();
        List<Event> end = encoder.end();
        assertThat(end).extracting(Event::name).containsExactly("content_block_stop", "message_delta", "message_stop");
        assertThat(end.get(1).data().getJsonObject("delta").getString("stop_reason")).isEqualTo("max_tokens");
    }

    @Test
    void encodesParallelToolCallsAsToolUseBlocksAfterTheText() {
        AnthropicStreamEncoder encoder = new AnthropicStreamEncoder("m");

        List<Event> events = encode(encoder, List.of(
                delta(new ChoiceDelta(0, Role.ASSISTANT, "", null, List.of(), null)),
                text("Checking both."),
                tool(0, "call_a", "get_weather", ""),
                tool(0, null, null, "{\"city\":"),
                tool(0, null, null, "\"Paris\"}"),
                tool(1, "call_b", "get_time", ""),
                tool(1, null, null, "{\"tz\":"),
                tool(1, null, null, "\"CET\"}"),
                finish(FinishReason.TOOL_CALLS),
                usage(Usage.of(30, 20))));

        assertThat(events).extracting(Event::name).containsExactly("message_start",
                "content_block_start", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        assertThat(events).allSatisfy(e -> assertThat(e.data().getString("type")).isEqualTo(e.name()));
        assertThat(events.get(3).data().getInt("index")).isZero();
        assertThat(events.get(4).data()).isEqualTo(json("""
                {"type":"content_block_start","index":1,
                 "content_block":{"type":"tool_use","id":"call_a","name":"get_weather","input":{}}}
                """));
        assertThat(events.get(5).data()).isEqualTo(json("""
                {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\":"}}
                """));
        assertThat(events.get(6).data()).isEqualTo(json("""
                {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\\"Paris\\"}"}}
                """));
        assertThat(events.get(7).data().getInt("index")).isEqualTo(1);
        assertThat(events.get(8).data()).isEqualTo(json("""
                {"type":"content_block_start","index":2,
                 "content_block":{"type":"tool_use","id":"call_b","name":"get_time","input":{}}}
                """));
        assertThat(events.subList(9, 11)).extracting(e -> e.data().getInt("index")).containsExactly(2, 2);
        assertThat(events.subList(9, 11)).extracting(e -> e.data().getJsonObject("delta").getString("partial_json"))
                .containsExactly("{\"tz\":", "\"CET\"}");
        assertThat(events.get(11).data().getInt("index")).isEqualTo(2);
        assertThat(events.get(12).data().getJsonObject("delta").getString("stop_reason")).isEqualTo("tool_use");
        assertThat(events.get(12).data().getJsonObject("usage").getInt("output_tokens")).isEqualTo(20);
    }

    @Test
    void endWithoutAnyChunkStillGivesACompleteMessage() {
        AnthropicStreamEncoder encoder = new AnthropicStreamEncoder("m");

        List<Event> events = encoder.end();

        assertThat(events).extracting(Event::name).containsExactly("message_start", "message_delta", "message_stop");
        assertThat(events).allSatisfy(e -> assertThat(e.data().getString("type")).isEqualTo(e.name()));
        assertThat(events.get(0).data().getJsonObject("message").getString("id")).startsWith("msg_");
        assertThat(events.get(1).data().getJsonObject("delta").getString("stop_reason")).isEqualTo("end_turn");
        assertThat(events.get(1).data().getJsonObject("usage").getInt("output_tokens")).isZero();
    }

    @Test
    void showsOnlyTheFirstChoice() {
        AnthropicStreamEncoder encoder = new AnthropicStreamEncoder("m");

        List<Event> events = encoder.chunk(new ChatChunk("c", "m", 1, List.of(
                new ChoiceDelta(1, null, "other", null, List.of(), FinishReason.LENGTH),
                new ChoiceDelta(0, null, "first", null, List.of(), null)), null, null));

        assertThat(events).extracting(Event::name)
                .containsExactly("message_start", "content_block_start", "content_block_delta");
        assertThat(events.get(2).data().getJsonObject("delta").getString("text")).isEqualTo("first");
        assertThat(encoder.end().get(1).data().getJsonObject("delta").getString("stop_reason")).isEqualTo("end_turn");
    }

    @Test
    void errorEventHasTheAnthropicErrorEnvelope() {
        Event e = AnthropicStreamEncoder.error("overloaded_error", "Overloaded");

        assertThat(e.name()).isEqualTo("error");
        assertThat(e.data()).isEqualTo(json("""
                {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}
                """));
        assertThat(AnthropicErrors.encode("api_error", "boom")).isEqualTo(json("""
                {"type":"error","error":{"type":"api_error","message":"boom"}}
                """));
    }
}
