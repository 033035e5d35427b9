package io.aigw.jca.provider.bedrock;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Reads {@code application/vnd.amazon.eventstream} messages from a byte stream one at a time, as they arrive. Each
 * message is a prelude (total length and headers length, 4-byte big-endian each), the prelude's CRC32, the headers,
 * the payload and the CRC32 of everything before it; both CRCs are checked before anything of the message is used.
 * A header is a 1-byte name length, the UTF-8 name, a 1-byte value type and the value (0/1 boolean true/false,
 * 2 byte, 3 short, 4 int, 5 long, 6 byte array and 7 string with a 2-byte length, 8 timestamp in epoch milliseconds,
 * 9 UUID). Not thread-safe.
 */
public final class EventStreamDecoder {

    /** Prelude (8), prelude CRC (4) and message CRC (4). */
    static final int OVERHEAD = 16;
    private static final int PRELUDE = 12;
    /** The framing allows 16 MiB of payload and 128 KiB of headers; anything longer is not a message. */
    static final int MAX_MESSAGE = 16 * 1024 * 1024 + 128 * 1024 + OVERHEAD;

    private final InputStream in;

    public EventStreamDecoder(InputStream in) {
        this.in = in;
    }

    /**
     * The next message, or {@code null} when the stream ends cleanly between messages.
     *
     * @throws EOFException                when the stream ends inside a message
     * @throws EventStreamFormatException  when the bytes are not a valid message
     */
    public EventStreamMessage next() throws IOException {
        byte[] prelude = in.readNBytes(PRELUDE);
        if (prelude.length == 0) {
            return null;
        }
        if (prelude.length < PRELUDE) {
            throw new EOFException("event stream ended inside a message prelude");
        }
        ByteBuffer p = ByteBuffer.wrap(prelude);
        long total = Integer.toUnsignedLong(p.getInt(0));
        long headersLength = Integer.toUnsignedLong(p.getInt(4));
        if (crc(prelude, 0, 8) != Integer.toUnsignedLong(p.getInt(8))) {
            throw new EventStreamFormatException("event stream message prelude CRC does not match");
        }
        if (total < OVERHEAD || total > MAX_MESSAGE || headersLength > total - OVERHEAD) {
            throw new EventStreamFormatException("event stream message lengths are impossible (total " + total
                    + ", headers " + headersLength + ")");
        }
        byte[] message = new byte[(int) total];
        System.arraycopy(prelude, 0, message, 0, PRELUDE);
        int rest = in.readNBytes(message, PRELUDE, (int) total - PRELUDE);
        if (rest < total - PRELUDE) {
            throw new EOFException("event stream ended inside a message");
        }
        ByteBuffer m = ByteBuffer.wrap(message);
        if (crc(message, 0, (int) total - 4) != Integer.toUnsignedLong(m.getInt((int) total - 4))) {
            throw new EventStreamFormatException("event stream message CRC does not match");
        }
        Map<String, Object> headers = headers(ByteBuffer.wrap(message, PRELUDE, (int) headersLength).slice());
        byte[] payload = new byte[(int) (total - OVERHEAD - headersLength)];
        System.arraycopy(message, PRELUDE + (int) headersLength, payload, 0, payload.length);
        return new EventStreamMessage(headers, payload);
    }

    private static Map<String, Object> headers(ByteBuffer b) throws EventStreamFormatException {
        Map<String, Object> headers = new LinkedHashMap<>();
        try {
            while (b.hasRemaining()) {
                String name = utf8(b, b.get() & 0xff);
                int type = b.get() & 0xff;
                Object value = switch (type) {
                    case 0 -> Boolean.TRUE;
                    case 1 -> Boolean.FALSE;
                    case 2 -> b.get();
                    case 3 -> b.getShort();
                    case 4 -> b.getInt();
                    case 5 -> b.getLong();
                    case 6 -> bytes(b, b.getShort() & 0xffff);
                    case 7 -> utf8(b, b.getShort() & 0xffff);
                    case 8 -> Instant.ofEpochMilli(b.getLong());
                    case 9 -> new UUID(b.getLong(), b.getLong());
                    default -> throw new EventStreamFormatException("event stream header '" + name
                            + "' has the unknown value type " + type);
                };
                headers.put(name, value);
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new EventStreamFormatException("event stream headers run past their length");
        }
        return headers;
    }

    private static byte[] bytes(ByteBuffer b, int length) {
        byte[] out = new byte[length];
        b.get(out);
        return out;
    }

    private static String utf8(ByteBuffer b, int length) {
        return new String(bytes(b, length), StandardCharsets.UTF_8);
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
