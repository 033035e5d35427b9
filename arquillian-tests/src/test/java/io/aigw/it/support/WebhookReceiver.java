package io.aigw.it.support;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver in the test JVM: a real HTTP server on loopback that records every request by path and answers
 * what a test scripted for that path (status by status), then 200.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request received. */
    public record Received(String path, Headers headers, byte[] body, Instant at) {

        public String header(String name) {
            return headers.getFirst(name);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public WebhookReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(path, exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes(),
                    Instant.now()));
            Deque<Integer> answers = scripted.get(path);
            Integer status = answers == null ? null : answers.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The base URL of a path on this receiver. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests to {@code path} are answered with these statuses, in order. */
    public void answer(String path, Integer... statuses) {
        scripted.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).addAll(List.of(statuses));
    }

    /** Every request to {@code path} so far. */
    public List<Received> received(String path) {
        List<Received> out = new ArrayList<>();
        received.stream().filter(r -> r.path().equals(path)).forEach(out::add);
        return out;
    }

    /** The requests to {@code path} once there are at least {@code count}, polled up to {@code timeout}. */
    public List<Received> await(String path, int count, Duration timeout) {
        Poll.until(timeout, () -> received(path).size() >= count);
        List<Received> got = received(path);
        if (got.size() < count) {
            throw new AssertionError("expected " + count + " webhook request(s) at " + path + " within " + timeout
                    + ", got " + got.size());
        }
        return got;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
