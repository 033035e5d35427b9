package io.aigw.policy.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.api.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InProcessStreamSinkTest {

    private static final ChatChunk CHUNK = new ChatChunk("c", "m", 0, List.of(), null, null);

    @Test
    void chunksReachTheListenerAndTheOutcomeIsTheGatewaysOwn() throws IOException {
        List<String> seen = new ArrayList<>();
        InProcessStreamSink sink = new InProcessStreamSink(new ChatStreamListener() {
            @Override
            public void onOpen() {
                seen.add("open");
            }

            @Override
            public void onChunk(ChatChunk chunk) {
                seen.add("chunk");
            }
        });
        sink.open();
        sink.chunk(CHUNK);
        sink.ended(new StreamOutcome(Usage.of(3, 4), FinishReason.STOP, 1));
        sink.complete();
        assertThat(seen).containsExactly("open", "chunk");
        assertThat(sink.outcome()).isEqualTo(new StreamOutcome(Usage.of(3, 4), FinishReason.STOP, 1));
        assertThat(sink.stopped()).isNull();
    }

    @Test
    void aListenerThatStopsOrFailsEndsTheStreamLikeAClientThatWentAway() throws IOException {
        InProcessStreamSink stopping = new InProcessStreamSink(listener(new StreamAbortedException("enough", null)));
        stopping.open();
        assertThatThrownBy(() -> stopping.chunk(CHUNK)).isInstanceOf(IOException.class);
        assertThat(stopping.stopped()).hasMessage("enough");

        InProcessStreamSink failing = new InProcessStreamSink(listener(new IllegalStateException("bug")));
        failing.open();
        assertThatThrownBy(() -> failing.chunk(CHUNK)).isInstanceOf(IOException.class);
        assertThat(failing.stopped()).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(failing.outcome()).isNull();
    }

    private static ChatStreamListener listener(Exception onChunk) {
        return new ChatStreamListener() {
            @Override
            public void onOpen() {
            }

            @Override
            public void onChunk(ChatChunk chunk) throws StreamAbortedException {
                if (onChunk instanceof StreamAbortedException s) {
                    throw s;
                }
                throw (RuntimeException) onChunk;
            }
        };
    }
}
