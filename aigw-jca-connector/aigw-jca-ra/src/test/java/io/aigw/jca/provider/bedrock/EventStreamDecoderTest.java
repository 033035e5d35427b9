package io.aigw.jca.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/** The gateway's event-stream decoder against frames encoded by the AWS event-stream codec. */
class EventStreamDecoderTest {

    private static byte[] encode(Message... messages) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Message m : messages) {
            m.encode(out);
        }
        return out.toByteArray();
    }

    private static Message event(String type, String json) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        return new Message(headers, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Hands out one byte per read, as a slow network might. */
    private static InputStream trickling(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    @Test
    void framesOfTheAwsCodecDecodeWithEveryHeaderType() throws IOException {
        UUID uuid = UUID.fromString("0b1c7f3e-8a7b-4d62-9f2c-1d2e3f405162");
        Instant when = Instant.ofEpochMilli(1_725_021_360_123L);
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put("t", HeaderValue.fromBoolean(true));
        headers.put("f", HeaderValue.fromBoolean(false));
        headers.put("int", HeaderValue.fromInteger(-123456));
        headers.put("long", HeaderValue.fromLong(1L << 40));
        headers.put("bytes", HeaderValue.fromByteArray(new byte[] {1, 2, 3}));
        headers.put("string", HeaderValue.fromString("héllo"));
        headers.put("time", HeaderValue.fromTimestamp(when));
        headers.put("uuid", HeaderValue.fromUuid(uuid));
        byte[] payload = "{\"p\":\"abc\"}".getBytes(StandardCharsets.UTF_8);

        EventStreamMessage m = new EventStreamDecoder(new ByteArrayInputStream(encode(new Message(headers, payload))))
                .next();

        assertThat(m.payload()).isEqualTo(payload);
        assertThat(m.headers()).containsEntry("t", true).containsEntry("f", false)
                .containsEntry("int", -123456).containsEntry("long", 1L << 40)
                .containsEntry("string", "héllo").containsEntry("time", when).containsEntry("uuid", uuid);
        assertThat((byte[]) m.headers().get("bytes")).containsExactly(1, 2, 3);
    }

    /**
     * Byte (2) and short (3) headers, built by hand from the specification: the AWS event-stream codec 1.0.1 writes
     * these two types without their value bytes, so it cannot be the reference for them.
     */
    @Test
    void byteAndShortHeadersDecodeAsSpecified() throws IOException {
        java.nio.ByteBuffer headers = java.nio.ByteBuffer.allocate(2 + 1 + 1 + 2 + 1 + 2);
        headers.put((byte) 1).put((byte) 'b').put((byte) 2).put((byte) -7);
        headers.put((byte) 1).put((byte) 's').put((byte) 3).putShort((short) 31000);
        byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
        int total = 16 + headers.capacity() + payload.length;
        java.nio.ByteBuffer frame = java.nio.ByteBuffer.allocate(total);
        frame.putInt(total).putInt(headers.capacity());
        frame.putInt((int) crc(frame.array(), 0, 8));
        frame.put(headers.array()).put(payload);
        frame.putInt((int) crc(frame.array(), 0, total - 4));

        EventStreamMessage m = new EventStreamDecoder(new ByteArrayInputStream(frame.array())).next();

        assertThat(m.headers()).containsEntry("b", (byte) -7).containsEntry("s", (short) 31000);
        assertThat(m.payload()).isEqualTo(payload);
    }

    private static long crc(byte[] bytes, int offset, int length) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }

    @Test
    void consecutiveFramesArrivingByteByByteDecodeInOrderThenTheEnd() throws IOException {
        byte[] bytes = encode(event("messageStart", "{\"role\":\"assistant\"}"),
                event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}"),
                new Message(Map.of(), new byte[0]));
        EventStreamDecoder decoder = new EventStreamDecoder(trickling(bytes));

        EventStreamMessage first = decoder.next();
        EventStreamMessage second = decoder.next();
        EventStreamMessage empty = decoder.next();

        assertThat(first.stringHeader(":event-type")).isEqualTo("messageStart");
        assertThat(first.stringHeader(":message-type")).isEqualTo("event");
        assertThat(new String(second.payload(), StandardCharsets.UTF_8)).contains("\"Hi\"");
        assertThat(empty.headers()).isEmpty();
        assertThat(empty.payload()).isEmpty();
        assertThat(decoder.next()).isNull();
    }

    @Test
    void aCorruptedMessageCrcIsRejected() throws IOException {
        byte[] bytes = encode(event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}"));
        bytes[bytes.length - 1] ^= 0x01;

        assertThatThrownBy(() -> new EventStreamDecoder(new ByteArrayInputStream(bytes)).next())
                .isInstanceOf(EventStreamFormatException.class).hasMessageContaining("message CRC");
    }

    @Test
    void aCorruptedPayloadIsRejectedByTheMessageCrc() throws IOException {
        byte[] bytes = encode(event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}"));
        bytes[bytes.length - 8] ^= 0x20;

        assertThatThrownBy(() -> new EventStreamDecoder(new ByteArrayInputStream(bytes)).next())
                .isInstanceOf(EventStreamFormatException.class).hasMessageContaining("message CRC");
    }

    @Test
    void aCorruptedPreludeIsRejectedBeforeItsLengthsAreUsed() throws IOException {
        byte[] bytes = encode(event("messageStart", "{\"role\":\"assistant\"}"));
        bytes[1] = 0x7f;

        assertThatThrownBy(() -> new EventStreamDecoder(new ByteArrayInputStream(bytes)).next())
                .isInstanceOf(EventStreamFormatException.class).hasMessageContaining("prelude CRC");
    }

    @Test
    void aStreamCutInsideAFrameIsAnEndOfFileNotAFormatError() throws IOException {
        byte[] bytes = encode(event("messageStart", "{\"role\":\"assistant\"}"));
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 5);
        byte[] cutPrelude = java.util.Arrays.copyOf(bytes, 7);

        assertThatThrownBy(() -> new EventStreamDecoder(new ByteArrayInputStream(cut)).next())
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> new EventStreamDecoder(new ByteArrayInputStream(cutPrelude)).next())
                .isInstanceOf(EOFException.class);
    }

    @Test
    void whatTheDecoderAcceptsTheAwsCodecAcceptsToo() throws IOException {
        Message original = event("metadata", "{\"usage\":{\"inputTokens\":3,\"outputTokens\":4}}");
        byte[] bytes = encode(original);

        EventStreamMessage ours = new EventStreamDecoder(new ByteArrayInputStream(bytes)).next();
        Message theirs = Message.decode(java.nio.ByteBuffer.wrap(bytes));

        assertThat(ours.payload()).isEqualTo(theirs.getPayload());
        theirs.getHeaders().forEach((k, v) -> assertThat(ours.stringHeader(k)).isEqualTo(v.getString()));
    }
}
