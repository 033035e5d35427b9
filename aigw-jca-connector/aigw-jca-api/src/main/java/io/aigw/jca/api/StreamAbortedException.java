package io.aigw.jca.api;

/** Thrown by a {@link ChatStreamListener} to stop a stream from the receiving side, typically a client that went away. */
public class StreamAbortedException extends Exception {
    private static final long serialVersionUID = 1L;

    public StreamAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
