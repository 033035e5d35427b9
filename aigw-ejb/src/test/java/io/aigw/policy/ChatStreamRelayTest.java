package io.aigw.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.GenerationOptions;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.jca.api.Usage;
import io.aigw.policy.chain.Exchange;
import io.aigw.policy.chain.Operation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The relay between a provider stream and the client: the audit's hold on the first byte, the usage relayed. */
class ChatStreamRelayTest {

    /** A client sink that records what happens, in order; can fail from a given chunk on (the client went away). */
    private static final class Sink implements ChatStreamSink {
        final List<String> seen;
        int failFromChunk = Integer.MAX_VALUE;
        GatewayException blockAt;
        int chunks;

        Sink(List<String> seen) {
            this.seen = seen;
        }

        @Override
        public void open() {
            seen.add("open");
        }

        @Override
        public void chunk(ChatChunk chunk) throws IOException {
            if (++chunks >= failFromChunk) {
                if (blockAt != null) {
                    throw blockAt;
                }
                throw new IOException("client went away");
            }
            seen.add("chunk");
        }

        @Override
        public void error(GatewayException failure) {
            seen.add("error");
        }

        @Override
        public void complete() {
            seen.add("complete");
        }
    }

    private static final ChatRequest REQUEST = new ChatRequest("m", List.of(ChatMessage.text(Role.USER, "hi")),
            new GenerationOptions(null, null, null, List.of(), null), null, null, null, true, Map.of());

    private static Exchange exchange() {
        return new Exchange(Operation.CHAT, new CallContext("r1", "k", "POST", "/v1/chat/completions", "127.0.0.1"),
                null);
    }

    private static ChatChunk text(String content) {
        return new ChatChunk("c", "m", 0, List.of(new ChoiceDelta(0, null, content, null, List.of(), null, null)),
                null, null);
    }

    @Test
    void theResponseIsCommittedOnlyAfterTheAuditHoldOnTheFirstByte() throws Exception {
        List<String> seen = new ArrayList<>();
        Exchange ex = exchange();
        ex.onAnswer(() -> seen.add("accepted durable"));
        ChatStreamRelay relay = new ChatStreamRelay(ex, new Sink(seen), new StreamUsageTally(REQUEST));

        relay.onOpen();
        relay.onChunk(text("Hello"));

        assertThat(seen).containsExactly("accepted durable", "open", "chunk");
        assertThat(ex.responseCommitted()).isTrue();
    }

    @Test
    void anAuditThatCannotHoldRefusesTheStreamBeforeAnythingIsSent() {
        List<String> seen = new ArrayList<>();
        Exchange ex = exchange();
        GatewayException down = new GatewayException(Problem.AUDIT_UNAVAILABLE, "audit down");
        ex.onAnswer(() -> {
            throw down;
        });
        ChatStreamRelay relay = new ChatStreamRelay(ex, new Sink(seen), new StreamUsageTally(REQUEST));

        assertThat(catchThrowableOfType(relay::onOpen, StreamAbortedException.class)).isNotNull();
        assertThat(relay.refusal()).isSameAs(down);
        assertThat(seen).isEmpty();
        assertThat(ex.responseCommitted()).isFalse();
    }

    @Test
    void theUsageOfAnAbortedStreamCountsOnlyWhatReachedTheClient() throws Exception {
        Sink sink = new Sink(new ArrayList<>());
        sink.failFromChunk = 3;
        ChatStreamRelay relay = new ChatStreamRelay(exchange(), sink, new StreamUsageTally(REQUEST));
        relay.onOpen();
        relay.onChunk(text("Hello "));       // 6 characters
        relay.onChunk(text("world, and "));  // 11 characters
        assertThat(catchThrowableOfType(() -> relay.onChunk(text("never delivered at all")),
                StreamAbortedException.class)).isNotNull();

        // "hi" is one token; 17 relayed characters are five; flagged as the gateway's estimate
        assertThat(relay.usageSoFar()).isEqualTo(new Usage(1, 5, 0, 0, 0, true));
    }

    @Test
    void theProvidersOwnUsageWinsOverTheEstimate() throws Exception {
        ChatStreamRelay relay = new ChatStreamRelay(exchange(), new Sink(new ArrayList<>()),
                new StreamUsageTally(REQUEST));
        relay.onOpen();
        relay.onChunk(text("Hello"));
        relay.onChunk(new ChatChunk("c", "m", 0, List.of(), Usage.of(12, 9), null));
        assertThat(relay.usageSoFar()).isEqualTo(Usage.of(12, 9));
    }

    @Test
    void anOutputGuardrailThatBlocksEndsTheStreamAsABlockNotAsAClientThatWentAway() throws Exception {
        Sink sink = new Sink(new ArrayList<>());
        sink.failFromChunk = 2;
        sink.blockAt = new GatewayException(Problem.GUARDRAIL_BLOCKED, "blocked");
        ChatStreamRelay relay = new ChatStreamRelay(exchange(), sink, new StreamUsageTally(REQUEST));
        relay.onOpen();
        relay.onChunk(text("Hello "));
        StreamAbortedException stop = catchThrowableOfType(() -> relay.onChunk(text("secret")),
                StreamAbortedException.class);
        assertThat(stop.getCause()).isSameAs(sink.blockAt);
        assertThat(relay.blocked()).isSameAs(sink.blockAt);
        assertThat(sink.seen).containsExactly("open", "chunk");
    }
}
