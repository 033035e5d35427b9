package io.aigw.it.fake;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes responses with the headers every Anthropic reply carries: {@code content-type} and
 * {@code request-id: req_<hex>}.
 */
final class AnthropicHttp {

    static final String JSON_TYPE = "application/json";
    static final String EVENT_STREAM_TYPE = "text/event-stream; charset=utf-8";

    private AnthropicHttp() {
    }

    /** Sends a complete JSON reply with a content length and closes the body. */
    static void json(HttpExchange exchange, int status, JsonObject body, Map<String, String> extraHeaders)
            throws IOException {
        extraHeaders.forEach(exchange.getResponseHeaders()::set);
        raw(exchange, status, JSON_TYPE, body.toString());
    }

    /** Sends a complete reply of any content (also the deliberately broken bodies) and closes the body. */
    static void raw(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        standardHeaders(exchange, contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Sends 200 with chunked transfer encoding and returns a writer for named server-sent events. */
    static EventWriter eventStream(HttpExchange exchange) throws IOException {
        standardHeaders(exchange, EVENT_STREAM_TYPE);
        exchange.getResponseHeaders().set("cache-control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        return new EventWriter(exchange.getResponseBody());
    }

    private static void standardHeaders(HttpExchange exchange, String contentType) {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("request-id", "req_" + HttpReplies.randomHex(12));
    }

    /**
     * Writes server-sent events as Anthropic does — {@code event: <type>\ndata: <json>\n\n}, the event name
     * being the JSON's {@code type} — each flushed on its own so it leaves the server as its own HTTP chunk.
     */
    static final class EventWriter {

        private final OutputStream out;

        private EventWriter(OutputStream out) {
            this.out = out;
        }

        /** Writes one JSON event named after its {@code type} field and flushes it. */
        void event(JsonObject json) throws IOException {
            raw(json.getString("type"), json.toString());
        }

        /** Writes one event with a raw payload (also used for deliberately broken events) and flushes it. */
        void raw(String name, String payload) throws IOException {
            out.write(("event: " + name + "\ndata: " + payload + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
