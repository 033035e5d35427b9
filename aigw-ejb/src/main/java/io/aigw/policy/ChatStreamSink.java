package io.aigw.policy;

import io.aigw.jca.api.ChatChunk;
import java.io.IOException;

/**
 * Where a streamed chat answer goes: the client edge encodes it in the client's wire format. An {@link IOException}
 * means the client went away.
 */
public interface ChatStreamSink {

    /** The upstream accepted the request: commit the response (status 200, event-stream headers) and flush. */
    void open() throws IOException;

    /** One chunk: encode, write and flush it. */
    void chunk(ChatChunk chunk) throws IOException;

    /** The stream failed after it was opened: send the error event; no end marker follows. */
    void error(GatewayException failure) throws IOException;

    /**
     * The stream has ended (before its audit): its usage (the provider's or the gateway's estimate; none for an answer
     * from the cache) and finish reason. Edges that report them to their caller keep them.
     */
    default void ended(io.aigw.jca.api.StreamOutcome outcome) {
    }

    /** The stream is complete and audited: send the end marker. */
    void complete() throws IOException;
}
