package io.aigw.it.fake;

/**
 * A Bedrock error reply: its status, its error type (sent as {@code x-amzn-ErrorType}) and its message (sent as
 * {@code {"message":...}}).
 */
final class BedrockError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;

    BedrockError(int status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }
}
