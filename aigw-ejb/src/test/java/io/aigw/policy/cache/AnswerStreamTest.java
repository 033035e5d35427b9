package io.aigw.policy.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.jca.api.ChatChoice;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.ReasoningDelta;
import io.aigw.jca.api.ReasoningPart;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.TextPart;
import io.aigw.jca.api.ToolCall;
import io.aigw.jca.api.ToolCallDelta;
import io.aigw.jca.api.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A complete answer replayed as chunks, and chunks assembled back into the complete answer. */
class AnswerStreamTest {

    private static final Usage USAGE = new Usage(120, 45, 100, 0, 20, false);
    private static final ChatResponse ANSWER = new ChatResponse("chatcmpl-1", "gpt-4o-2024-08-06", 1_700_000_000L,
            List.of(new ChatChoice(0, new ChatMessage(Role.ASSISTANT, List.of(
                    new ReasoningPart("The user wants the weather.", "sig-1", null),
                    new TextPart("Let me look that up.")), null,
                    List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")), null),
                    FinishReason.TOOL_CALLS)), USAGE, "fp_1");

    @Test
    void anAnswerIsReplayedAsRoleReasoningTextToolCallFinishAndUsageChunks() {
        List<ChatChunk> chunks = AnswerStream.chunks(ANSWER);
        assertThat(chunks).hasSize(6);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.id()).isEqualTo("chatcmpl-1");
            assertThat(c.model()).isEqualTo("gpt-4o-2024-08-06");
            assertThat(c.created()).isEqualTo(1_700_000_000L);
            assertThat(c.systemFingerprint()).isEqualTo("fp_1");
        });
        assertThat(chunks.get(0).choices()).containsExactly(new ChoiceDelta(0, Role.ASSISTANT, null, null, List.of(),
                null));
        assertThat(chunks.get(1).choices()).containsExactly(new ChoiceDelta(0, null, null, null, List.of(), null,
                new ReasoningDelta("The user wants the weather.", "sig-1", null)));
        assertThat(chunks.get(2).choices()).containsExactly(new ChoiceDelta(0, null, "Let me look that up.", null,
                List.of(), null));
        assertThat(chunks.get(3).choices()).containsExactly(new ChoiceDelta(0, null, null, null,
                List.of(new ToolCallDelta(0, "call_1", "get_weather", "{\"city\":\"Paris\"}")), null));
        assertThat(chunks.get(4).choices()).containsExactly(new ChoiceDelta(0, null, null, null, List.of(),
                FinishReason.TOOL_CALLS));
        assertThat(chunks.subList(0, 5)).allSatisfy(c -> assertThat(c.usage()).isNull());
        assertThat(chunks.get(5).choices()).isEmpty();
        assertThat(chunks.get(5).usage()).isEqualTo(USAGE);
    }

    @Test
    void theReplayedChunksAssembleIntoTheOriginalAnswer() {
        ChatResponse assembled = assemble(AnswerStream.chunks(ANSWER), 10_000);
        assertThat(assembled.id()).isEqualTo("chatcmpl-1");
        assertThat(assembled.model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(assembled.created()).isEqualTo(1_700_000_000L);
        assertThat(assembled.systemFingerprint()).isEqualTo("fp_1");
        assertThat(assembled.usage()).isEqualTo(USAGE);
        assertThat(assembled.choices()).hasSize(1);
        ChatChoice choice = assembled.choices().get(0);
        assertThat(choice.index()).isZero();
        assertThat(choice.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(choice.message().role()).isEqualTo(Role.ASSISTANT);
        assertThat(choice.message().content()).containsExactly(new ReasoningPart("The user wants the weather.",
                "sig-1", null), new TextPart("Let me look that up."));
        assertThat(choice.message().toolCalls()).containsExactly(new ToolCall("call_1", "get_weather",
                "{\"city\":\"Paris\"}"));
        assertThat(assembled).isEqualTo(ANSWER);
    }

    @Test
    void severalChoicesAndAnAnswerWithoutContentSurviveTheRoundTrip() {
        ChatResponse two = new ChatResponse("chatcmpl-2", "gpt-4o", 1L, List.of(
                new ChatChoice(0, ChatMessage.text(Role.ASSISTANT, "Paris."), FinishReason.STOP),
                new ChatChoice(1, new ChatMessage(Role.ASSISTANT, List.of(), null, List.of(
                        new ToolCall("call_a", "a", "{}"), new ToolCall("call_b", "b", "{\"x\":1}")), null),
                        FinishReason.TOOL_CALLS)), Usage.of(10, 20), null);
        assertThat(assemble(AnswerStream.chunks(two), 10_000)).isEqualTo(two);
    }

    @Test
    void fragmentsOfTextAndArgumentsAreJoined() {
        StreamedAnswer s = new StreamedAnswer(10_000);
        s.add(chunk(new ChoiceDelta(0, Role.ASSISTANT, "Hel", null, List.of(), null)));
        s.add(chunk(new ChoiceDelta(0, null, "lo.", null, List.of(), null)));
        s.add(chunk(new ChoiceDelta(0, null, null, null, List.of(new ToolCallDelta(0, "call_1", "f", "")), null)));
        s.add(chunk(new ChoiceDelta(0, null, null, null, List.of(new ToolCallDelta(0, null, null, "{\"a\":")), null)));
        s.add(chunk(new ChoiceDelta(0, null, null, null, List.of(new ToolCallDelta(0, null, null, "1}")), null)));
        s.add(chunk(new ChoiceDelta(0, null, null, null, List.of(), FinishReason.TOOL_CALLS)));
        s.add(new ChatChunk("id", "m", 5L, List.of(), Usage.of(3, 4), null));
        ChatChoice choice = s.complete().choices().get(0);
        assertThat(choice.message().content()).containsExactly(new TextPart("Hello."));
        assertThat(choice.message().toolCalls()).containsExactly(new ToolCall("call_1", "f", "{\"a\":1}"));
        assertThat(s.complete().usage()).isEqualTo(Usage.of(3, 4));
    }

    @Test
    void anAnswerOverTheLimitIsNotKept() {
        StreamedAnswer exactly = new StreamedAnswer(10);
        exactly.add(chunk(new ChoiceDelta(0, Role.ASSISTANT, "0123456789", null, List.of(), null)));
        exactly.add(chunk(new ChoiceDelta(0, null, null, null, List.of(), FinishReason.STOP)));
        assertThat(exactly.complete()).as("10 characters of 10").isNotNull();

        StreamedAnswer over = new StreamedAnswer(10);
        over.add(chunk(new ChoiceDelta(0, Role.ASSISTANT, "01234", null, List.of(), null)));
        over.add(chunk(new ChoiceDelta(0, null, null, null, List.of(new ToolCallDelta(0, "c", "f", "{\"x\":1}")),
                null)));
        over.add(chunk(new ChoiceDelta(0, null, null, null, List.of(), FinishReason.STOP)));
        assertThat(over.complete()).as("5 + 7 characters of 10").isNull();

        assertThat(assemble(AnswerStream.chunks(ANSWER), 40)).as("the reasoning counts too").isNull();
    }

    @Test
    void anAnswerWithAChoiceThatNeverFinishedIsNotKept() {
        StreamedAnswer s = new StreamedAnswer(10_000);
        s.add(chunk(new ChoiceDelta(0, Role.ASSISTANT, "Paris.", null, List.of(), FinishReason.STOP)));
        s.add(chunk(new ChoiceDelta(1, Role.ASSISTANT, "Rome", null, List.of(), null)));
        assertThat(s.complete()).isNull();
        assertThat(new StreamedAnswer(10_000).complete()).as("no chunks at all").isNull();
    }

    @Test
    void eachReasoningBlockSurvivesAsItsOwnPart() {
        ChatResponse blocks = new ChatResponse("msg_1", "claude-sonnet-4", 0L, List.of(new ChatChoice(0,
                new ChatMessage(Role.ASSISTANT, List.of(new ReasoningPart("First step.", "sig-a", null),
                        new ReasoningPart(null, null, "opaque-redacted"), new ReasoningPart("Second step.", "sig-b",
                                null), new TextPart("Done.")), null, List.of(), null), FinishReason.STOP)),
                Usage.of(1, 2), null);
        assertThat(assemble(AnswerStream.chunks(blocks), 10_000)).isEqualTo(blocks);
    }

    private static ChatResponse assemble(List<ChatChunk> chunks, long maxChars) {
        StreamedAnswer s = new StreamedAnswer(maxChars);
        chunks.forEach(s::add);
        return s.complete();
    }

    private static ChatChunk chunk(ChoiceDelta delta) {
        return new ChatChunk("id", "m", 5L, List.of(delta), null, null);
    }
}
