package io.aigw.it.fake;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes responses with the headers a Google API front end sends ({@code content-type}, {@code server}). */
final class GeminiHttp {

    static final String JSON_TYPE = "application/json; charset=UTF-8";
    static final String EVENT_STREAM_TYPE = "text/event-stream";

    private GeminiHttp() {
    }

    /** Sends a complete JSON reply with a content length and closes the body. */
    static void json(HttpExchange exchange, int status, JsonObject body) throws IOException {
        raw(exchange, status, JSON_TYPE, body.toString());
    }

    /** Sends a complete reply of any content (also the deliberately broken bodies) and closes the body. */
    static void raw(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers(exchange, contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Sends 200 with chunked transfer encoding and returns a writer for {@code data:} events. */
    static SseWriter eventStream(HttpExchange exchange) throws IOException {
        headers(exchange, EVENT_STREAM_TYPE);
        exchange.sendResponseHeaders(200, 0);
        return new SseWriter(exchange.getResponseBody());
    }

    private static void headers(HttpExchange exchange, String contentType) {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("server", "scaffolding on HTTPServer2");
        exchange.getResponseHeaders().set("x-content-type-options", "nosniff");
    }
}
