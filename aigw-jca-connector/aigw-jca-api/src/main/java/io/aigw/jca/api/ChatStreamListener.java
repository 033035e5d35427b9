package io.aigw.jca.api;

/**
 * Receives a streamed chat completion. Called on the thread that called
 * {@link AiConnection#streamChat(ChatRequest, ChatStreamListener)}.
 */
public interface ChatStreamListener {

    /** The provider accepted the request and is about to send chunks: commit the client's response now. */
    void onOpen() throws StreamAbortedException;

    /** One chunk, as soon as it arrives. Throw {@link StreamAbortedException} to stop (e.g. the client went away). */
    void onChunk(ChatChunk chunk) throws StreamAbortedException;
}
