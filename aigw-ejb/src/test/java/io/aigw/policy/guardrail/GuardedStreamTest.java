package io.aigw.policy.guardrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.ToolCallDelta;
import io.aigw.policy.ChatStreamSink;
import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.ResponseHeaders;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Output guardrails on a stream: what is held back, for how long, and what reaches the client. */
class GuardedStreamTest {

    /** A sink that records the content and tool-argument pieces it is given. */
    static final class Recorder implements ChatStreamSink {
        final List<String> pieces = new ArrayList<>();
        final List<String> arguments = new ArrayList<>();
        final List<FinishReason> finishes = new ArrayList<>();
        GatewayException error;
        boolean completed;

        @Override
        public void open() {
        }

        @Override
        public void chunk(ChatChunk chunk) {
            for (ChoiceDelta d : chunk.choices()) {
                if (d.content() != null && !d.content().isEmpty()) {
                    pieces.add(d.content());
                }
                d.toolCalls().stream().filter(t -> t.argumentsFragment() != null && !t.argumentsFragment().isEmpty())
                        .forEach(t -> arguments.add(t.argumentsFragment()));
                if (d.finishReason() != null) {
                    finishes.add(d.finishReason());
                }
            }
        }

        @Override
        public void error(GatewayException failure) {
            error = failure;
        }

        @Override
        public void complete() {
            completed = true;
        }

        String text() {
            return String.join("", pieces);
        }
    }

    private static GuardrailSet set(String json) {
        try (var r = Json.createReader(new StringReader(json))) {
            JsonObject o = r.readObject();
            return new GuardrailSet("s", GuardrailSpec.parse(o), Instant.EPOCH, "key_admin");
        }
    }

    private static OutputGuard guard(String json, Placeholders placeholders) {
        return new OutputGuard(List.of(set(json)), placeholders, !placeholders.isEmpty(), new Decisions(),
                new ResponseHeaders(), 8192);
    }

    private static ChatChunk content(String text, FinishReason finish) {
        return new ChatChunk("c1", "m", 1, List.of(new ChoiceDelta(0, null, text, null, List.of(), finish, null)),
                null, null);
    }

    private static void play(AnswerGuardSink sink, String text, int... cuts) throws IOException {
        int last = 0;
        for (int cut : cuts) {
            sink.chunk(content(text.substring(last, cut), null));
            last = cut;
        }
        sink.chunk(content(text.substring(last), null));
        sink.chunk(content(null, FinishReason.STOP));
    }

    /** The guarded sink under test, as GatewayService drives it. */
    private interface AnswerGuardSink {
        void chunk(ChatChunk chunk) throws IOException;
    }

    @Test
    void anAddressCutAtAnyTwoPointsIsRedactedAndNoPieceOfItIsSent() throws IOException {
        String text = "Write to carol.jones@example.net today, thanks.";
        for (int i = 1; i < text.length() - 1; i++) {
            for (int j = i + 1; j < text.length(); j++) {
                Recorder r = new Recorder();
                var sink = guard("{\"output\":[{\"type\":\"pii\",\"entities\":[\"email\"]}]}", new Placeholders())
                        .guard(r);
                play(sink::chunk, text, i, j);
                assertThat(r.text()).as(i + "," + j).isEqualTo("Write to [REDACTED_EMAIL] today, thanks.");
                assertThat(r.pieces).as(i + "," + j).noneMatch(p -> p.contains("@") || p.contains("jones")
                        || p.contains("carol"));
                assertThat(r.finishes).containsExactly(FinishReason.STOP);
            }
        }
    }

    @Test
    void textThatCannotMatchIsSentAsItArrivesAndOnlyAPossibleStartIsHeld() throws IOException {
        Recorder r = new Recorder();
        var sink = guard("{\"output\":[{\"type\":\"pii\",\"entities\":[\"email\",\"credit_card\"]}]}",
                new Placeholders()).guard(r);
        sink.chunk(content("The quick brown ", null));
        assertThat(r.pieces).containsExactly("The quick brown ");
        // a word at the very end could still become an address's local part ("jumps.x@..."): held to the next chunk
        sink.chunk(content("fox jumps.", null));
        assertThat(r.pieces).containsExactly("The quick brown ", "fox ");
        sink.chunk(content(" Done", FinishReason.STOP));
        assertThat(r.pieces).containsExactly("The quick brown ", "fox ", "jumps. Done");
    }

    @Test
    void placeholdersCutAnywhereAreRestoredAndOthersAreLeftAlone() throws IOException {
        Placeholders p = new Placeholders();
        String placeholder = p.of("EMAIL", "alice@example.com", true);
        assertThat(placeholder).isEqualTo("[EMAIL_1]");
        String text = "Reply to [EMAIL_1] or [EMAIL_7] soon.";
        for (int i = 1; i < text.length(); i++) {
            Recorder r = new Recorder();
            var sink = new OutputGuard(List.of(), p, true, new Decisions(), new ResponseHeaders(), 8192).guard(r);
            play(sink::chunk, text, i);
            assertThat(r.text()).as("cut at " + i).isEqualTo("Reply to alice@example.com or [EMAIL_7] soon.");
        }
    }

    @Test
    void aDenyMatchEndsTheStreamBeforeAnyOfItIsSent() throws IOException {
        Recorder r = new Recorder();
        var sink = guard("{\"output\":[{\"type\":\"deny\",\"patterns\":[\"(?i)project\\\\s+falcon\"]}]}",
                new Placeholders()).guard(r);
        sink.chunk(content("All good. The project ", null));
        sink.chunk(content("is called Project", null));
        assertThat(r.text()).isEqualTo("All good. The project is called ");
        assertThatThrownBy(() -> sink.chunk(content(" Falcon now", null))).isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).problem()).isEqualTo(Problem.GUARDRAIL_BLOCKED))
                .hasMessage("The answer was blocked by the guardrail set 's' (output rule 0, deny: pattern_0).");
        assertThat(r.text()).isEqualTo("All good. The project is called ");
    }

    @Test
    void toolArgumentsAreGuardedPerCallAndHeldTextLeavesWithTheFinish() throws IOException {
        Recorder r = new Recorder();
        var sink = guard("{\"output\":[{\"type\":\"pii\",\"entities\":[\"email\"]}]}", new Placeholders())
                .guard(r);
        sink.chunk(new ChatChunk("c", "m", 1, List.of(new ChoiceDelta(0, Role.ASSISTANT, null, null,
                List.of(new ToolCallDelta(0, "call_1", "send", "{\"to\":\"eve@exa")), null, null)), null, null));
        assertThat(r.arguments).containsExactly("{\"to\":\"");
        sink.chunk(new ChatChunk("c", "m", 1, List.of(new ChoiceDelta(0, null, null, null,
                List.of(new ToolCallDelta(0, null, null, "mple.com\"}")), FinishReason.TOOL_CALLS, null)), null,
                null));
        assertThat(String.join("", r.arguments)).isEqualTo("{\"to\":\"[REDACTED_EMAIL]\"}");
    }

    @Test
    void flushSendsWhatAChoiceThatNeverFinishedStillHolds() throws IOException {
        Recorder r = new Recorder();
        var sink = guard("{\"output\":[{\"type\":\"pii\",\"entities\":[\"email\"]}]}", new Placeholders())
                .guard(r);
        sink.chunk(content("ends with frank@example.org", null));
        assertThat(r.text()).isEqualTo("ends with ");
        sink.flush();
        assertThat(r.text()).isEqualTo("ends with [REDACTED_EMAIL]");
    }

    @Test
    void aTailLongerThanTheHoldLimitIsJudgedAsItStands() throws IOException {
        Recorder r = new Recorder();
        OutputGuard g = new OutputGuard(List.of(set("{\"output\":[{\"type\":\"pii\",\"entities\":[\"private_key\"],"
                + "\"action\":\"redact\"}]}")), new Placeholders(), false, new Decisions(), new ResponseHeaders(), 64);
        var sink = g.guard(r);
        sink.chunk(content("key: -----BEGIN PRIVATE KEY-----\n", null));
        assertThat(r.text()).isEqualTo("key: ");
        sink.chunk(content("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n", null));
        assertThat(r.text()).isEqualTo("key: [REDACTED_PRIVATE_KEY]");
    }
}
