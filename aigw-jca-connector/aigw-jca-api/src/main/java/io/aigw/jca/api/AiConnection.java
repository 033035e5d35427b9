package io.aigw.jca.api;

import java.util.List;

/**
 * An application-level handle to one pooled provider connection. Not thread-safe; close it when done
 * (try-with-resources). Every method fails with {@link IllegalStateException} once the handle is closed or invalidated.
 */
public interface AiConnection extends AutoCloseable {

    /** A complete (non-streamed) chat completion. */
    ChatResponse chat(ChatRequest request) throws ProviderException;

    /**
     * A streamed chat completion: returns once the provider has accepted the request (status and headers received),
     * then delivers each chunk to the listener as it arrives, on the calling thread, and returns when the stream ends.
     * Errors before {@link ChatStreamListener#onOpen()} are thrown; errors after it are thrown too, after the
     * chunks already delivered.
     *
     * @throws StreamAbortedException when the listener stopped the stream (the upstream request is cancelled)
     * @return the stream's outcome: usage (the provider's own, or an estimate flagged as such) and finish reason
     */
    StreamOutcome streamChat(ChatRequest request, ChatStreamListener listener)
            throws ProviderException, StreamAbortedException;

    /** Vectors for the request's inputs, in input order. */
    EmbeddingResponse embed(EmbeddingRequest request) throws ProviderException;

    /** What this connection can serve now; empty with {@link ConnectionStatus#reason()} set when it cannot serve. */
    List<ModelInfo> listModels() throws ProviderException;

    /** Whether the connection can serve and, if not, why (no credentials configured, upstream unreachable, ...). */
    ConnectionStatus status();

    /** Returns the connection to its pool. Idempotent. */
    @Override
    void close();
}
