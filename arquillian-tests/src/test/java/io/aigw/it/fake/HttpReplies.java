package io.aigw.it.fake;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Writes responses with the headers every OpenAI reply carries. */
final class HttpReplies {

    /** Exchange attribute holding {@link System#nanoTime()} at arrival, for {@code openai-processing-ms}. */
    static final String STARTED_AT = "aigw.fake.startedAt";

    private HttpReplies() {
    }

    /** Sends a complete JSON reply with a content length and closes the exchange. */
    static void json(HttpExchange exchange, int status, JsonObject body, Map<String, String> extraHeaders)
            throws IOException {
        extraHeaders.forEach(exchange.getResponseHeaders()::set);
        raw(exchange, status, "application/json", body.toString());
    }

    /** Sends a complete reply of any content (used for the deliberately broken bodies) and closes the exchange. */
    static void raw(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        standardHeaders(exchange, contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Sends 200 with chunked transfer encoding and returns a writer for server-sent events. */
    static SseWriter eventStream(HttpExchange exchange) throws IOException {
        standardHeaders(exchange, "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("cache-control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        return new SseWriter(exchange.getResponseBody());
    }

    /** Returns a random hex string of {@code bytes * 2} characters. */
    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static void standardHeaders(HttpExchange exchange, String contentType) {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("x-request-id", "req_" + randomHex(16));
        headers.set("openai-processing-ms", Long.toString(elapsedMillis(exchange)));
    }

    private static long elapsedMillis(HttpExchange exchange) {
        Object startedAt = exchange.getAttribute(STARTED_AT);
        return startedAt instanceof Long nanos ? (System.nanoTime() - nanos) / 1_000_000 : 0;
    }
}
