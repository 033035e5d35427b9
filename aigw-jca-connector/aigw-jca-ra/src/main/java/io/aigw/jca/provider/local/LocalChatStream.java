package io.aigw.jca.provider.local;

import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.ChoiceDelta;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.Role;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.jca.api.Usage;
import java.util.List;

/**
 * Presents a local generation as a chat stream: one chunk per generated token as it is produced (the first one
 * carrying the assistant role), then a chunk with the finish reason and a usage-only chunk, all with the same id.
 */
final class LocalChatStream implements LocalGeneration.TokenSink {

    private final ChatStreamListener listener;
    private final String id;
    private final String model;
    private final long created;
    private int chunks;

    LocalChatStream(ChatStreamListener listener, String id, String model, long created) {
        this.listener = listener;
        this.id = id;
        this.model = model;
        this.created = created;
    }

    @Override
    public void token(String text) throws StreamAbortedException {
        send(new ChoiceDelta(0, chunks == 0 ? Role.ASSISTANT : null, text, null, List.of(), null), null);
    }

    /** Sends the finish reason (with the role if no token came before) and then the usage. */
    void finish(FinishReason reason, Usage usage) throws StreamAbortedException {
        send(new ChoiceDelta(0, chunks == 0 ? Role.ASSISTANT : null, null, null, List.of(), reason), null);
        chunks++;
        listener.onChunk(new ChatChunk(id, model, created, List.of(), usage, null));
    }

    /** Chunks delivered so far. */
    int chunks() {
        return chunks;
    }

    private void send(ChoiceDelta delta, Usage usage) throws StreamAbortedException {
        chunks++;
        listener.onChunk(new ChatChunk(id, model, created, List.of(delta), usage, null));
    }
}
