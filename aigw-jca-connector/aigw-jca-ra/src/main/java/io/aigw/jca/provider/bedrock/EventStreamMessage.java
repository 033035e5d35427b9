package io.aigw.jca.provider.bedrock;

import java.util.Map;
import java.util.Objects;

/**
 * One decoded event-stream message.
 *
 * @param headers its headers by name, values typed by their wire type: {@link Boolean}, {@link Byte},
 *                {@link Short}, {@link Integer}, {@link Long}, {@code byte[]}, {@link String},
 *                {@link java.time.Instant} (timestamp) or {@link java.util.UUID}
 * @param payload its payload bytes
 */
public record EventStreamMessage(Map<String, Object> headers, byte[] payload) {

    public EventStreamMessage {
        headers = Map.copyOf(headers);
        Objects.requireNonNull(payload, "payload");
    }

    /** A header's value if it is a string, otherwise {@code null}. */
    public String stringHeader(String name) {
        return headers.get(name) instanceof String s ? s : null;
    }
}
