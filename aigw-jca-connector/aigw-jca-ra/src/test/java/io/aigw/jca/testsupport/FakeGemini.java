package io.aigw.jca.testsupport;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal Gemini-API-speaking upstream on an ephemeral loopback port ({@code /v1beta}): records every request it
 * receives and answers with whatever the test set as its {@link Responder}. Its streams are what
 * {@code streamGenerateContent?alt=sse} sends: one {@code data:} event per {@code GenerateContentResponse} chunk, no
 * event names and no end marker; lines end with CRLF, which the SSE format allows.
 */
public final class FakeGemini implements AutoCloseable {

    /** One received request. */
    public record Received(String method, String path, String query, Headers headers, String body) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** Writes the answer to one request. */
    @FunctionalInterface
    public interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    /** Thrown by a responder to drop the connection in the middle of a response (no end of the chunked body). */
    public static final class Reset extends IOException {
        private static final long serialVersionUID = 1L;

        public Reset() {
            super("reset by the fake upstream");
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile Responder responder = json(500,
            "{\"error\":{\"code\":500,\"message\":\"no responder set\",\"status\":\"INTERNAL\"}}");

    public FakeGemini() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            count.incrementAndGet();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body));
            // a Reset propagates without closing the exchange: the server then drops the connection
            responder.respond(exchange);
            exchange.close();
        });
        server.start();
    }

    /** The base URL of the fake's API ({@code http://127.0.0.1:<port>/v1beta}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1beta";
    }

    public void respondWith(Responder r) {
        responder = r;
    }

    /** How many requests arrived so far. */
    public int requestCount() {
        return count.get();
    }

    /** The next received request, waiting for it a little. */
    public Received nextRequest() throws InterruptedException {
        Received r = received.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request reached the fake upstream");
        }
        return r;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A complete JSON answer. */
    public static Responder json(int status, String body) {
        return json(status, body, Map.of());
    }

    /** A complete JSON answer with extra response headers. */
    public static Responder json(int status, String body, Map<String, String> headers) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            headers.forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    /** An event stream of the given {@code data:} payloads, flushed one by one, then the end of the body. */
    public static Responder sse(List<String> events) {
        return exchange -> {
            OutputStream out = startStream(exchange);
            for (String data : events) {
                event(out, data);
            }
        };
    }

    /** Sends 200 and the stream's headers; returns the body to write events to. */
    public static OutputStream startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    /** Writes and flushes one {@code data:} event. */
    public static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
