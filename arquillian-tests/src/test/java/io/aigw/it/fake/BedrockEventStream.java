package io.aigw.it.fake;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * Writes a ConverseStream response: 200 with {@code application/vnd.amazon.eventstream}, then one binary frame per
 * event or exception, encoded by the AWS event-stream codec and flushed on its own.
 */
final class BedrockEventStream {

    private final OutputStream out;

    private BedrockEventStream(OutputStream out) {
        this.out = out;
    }

    /** Sends the status and headers and returns the writer of the frames. */
    static BedrockEventStream open(HttpExchange exchange, String requestId) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.amazon.eventstream");
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.sendResponseHeaders(200, 0);
        return new BedrockEventStream(exchange.getResponseBody());
    }

    /** Writes an event message ({@code :message-type event}). */
    void event(String eventType, JsonObject payload) throws IOException {
        write(frame("event", ":event-type", eventType, payload));
    }

    /** Writes an exception message ({@code :message-type exception}) with {@code {"message":...}}. */
    void exception(String exceptionType, String message) throws IOException {
        write(frame("exception", ":exception-type", exceptionType,
                JsonSupport.JSON.createObjectBuilder().add("message", message).build()));
    }

    /** Writes an event whose message CRC is wrong. */
    void corruptedEvent(String eventType, JsonObject payload) throws IOException {
        byte[] frame = frame("event", ":event-type", eventType, payload);
        frame[frame.length - 1] ^= 0x5a;
        write(frame);
    }

    private void write(byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
    }

    private static byte[] frame(String messageType, String typeHeader, String type, JsonObject payload) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(typeHeader, HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString(messageType));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Message(headers, payload.toString().getBytes(StandardCharsets.UTF_8)).encode(bytes);
        return bytes.toByteArray();
    }
}
