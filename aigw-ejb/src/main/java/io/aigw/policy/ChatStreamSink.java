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

    /** The stream is complete and audited: send the end marker. */
    void complete() throws IOException;
}
