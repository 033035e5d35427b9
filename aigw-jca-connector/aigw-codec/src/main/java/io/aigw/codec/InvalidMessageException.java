package io.aigw.codec;

/**
 * A message does not follow its wire format: malformed JSON, a missing field, a field of the wrong type. The message
 * says what is wrong in terms the sender understands; {@link #param()} names the offending field when there is one.
 */
public class InvalidMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String param;

    public InvalidMessageException(String message, String param) {
        super(message);
        this.param = param;
    }

    public InvalidMessageException(String message, String param, Throwable cause) {
        super(message, cause);
        this.param = param;
    }

    /** The offending field's path (e.g. {@code messages[0].role}), or {@code null}. */
    public String param() {
        return param;
    }
}
