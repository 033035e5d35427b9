package io.aigw.jca.testsupport;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aigw.codec.json.JsonText;
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
 * A minimal Anthropic-speaking upstream on an ephemeral loopback port: records every request it receives and answers
 * with whatever the test set as its {@link Responder}. Its event streams name each event after its {@code type}, as
 * Anthropic does ({@code event: message_start} then {@code data: {"type":"message_start",...}}).
 */
public final class FakeAnthropic implements AutoCloseable {

    /** One received request. */
    public record Received(String method, String path, String query, Headers headers, String body) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        /** Every value of a header (to tell a header sent twice). */
        public List<String> headerValues(String name) {
            List<String> values = headers.get(name);
            return values == null ? List.of() : values;
        }
    }

    /** Writes the answer to one request. */
    @FunctionalInterface
    public interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile Responder responder = json(500,
            "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"no responder set\"}}");

    public FakeAnthropic() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                count.incrementAndGet();
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body));
                responder.respond(exchange);
            }
        });
        server.start();
    }

    /** The base URL of the fake's API ({@code http://127.0.0.1:<port>/v1}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
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
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            headers.forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    /**
     * An Anthropic event stream of the given {@code data:} payloads, each preceded by an {@code event:} line naming its
     * {@code type}, flushed one by one, then the end of the body.
     */
    public static Responder sse(List<String> events) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (String data : events) {
                String name = JsonText.parseObject(data).getString("type");
                out.write(("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        };
    }
}
