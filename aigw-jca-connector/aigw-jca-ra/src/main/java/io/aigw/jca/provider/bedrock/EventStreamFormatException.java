package io.aigw.jca.provider.bedrock;

import java.io.IOException;

/**
 * Bytes that are not a valid {@code application/vnd.amazon.eventstream} message: a CRC that does not match, lengths
 * that cannot be, an unknown header type. Unlike other {@link IOException}s it says the upstream sent garbage, not
 * that the connection broke.
 */
public class EventStreamFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public EventStreamFormatException(String message) {
        super(message);
    }
}
