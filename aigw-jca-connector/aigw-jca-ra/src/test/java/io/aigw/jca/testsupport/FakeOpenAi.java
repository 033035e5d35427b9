package io.aigw.jca.testsupport;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal OpenAI-speaking upstream on an ephemeral loopback port: records every request it receives and answers
 * with whatever the test set as its {@link Responder}.
 */
public final class FakeOpenAi implements AutoCloseable {

    /**
     * One received request; {@code path} decoded, {@code rawUri} as sent (encoded path and query), {@code clientPort}
     * the client's TCP port (the same for requests on one kept-alive connection).
     */
    public record Received(String method, String path, String rawUri, Headers headers, String body, int clientPort) {
        public String header(String name) {
            return headers.getFirst(name);
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
    private volatile Responder responder = json(500, "{\"error\":{\"message\":\"no responder set\"}}");

    public FakeOpenAi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                count.incrementAndGet();
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawPath() + (exchange.getRequestURI().getRawQuery() == null ? ""
                                : "?" + exchange.getRequestURI().getRawQuery()),
                        exchange.getRequestHeaders(), body, exchange.getRemoteAddress().getPort()));
                responder.respond(exchange);
            }
        });
        server.start();
    }

    /** The base URL of the fake's OpenAI API ({@code http://127.0.0.1:<port>/v1}). */
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
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    /** A server-sent event stream of the given {@code data:} payloads, flushed one by one, then the end of the body. */
    public static Responder sse(List<String> events) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (String data : events) {
                out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        };
    }

    /** A loopback port that nothing listens on (bound once to get it, then released). */
    public static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
