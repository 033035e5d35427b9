package io.aigw.jca.testsupport;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aigw.codec.bedrock.BedrockErrors;
import io.aigw.codec.json.JsonText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * A Bedrock runtime on an ephemeral loopback port: checks each request's SigV4 signature with the AWS SDK's signer
 * (or its Bedrock API key), answers a bad one with 403 {@code InvalidSignatureException} as Bedrock does, records
 * every request, and otherwise answers with whatever the test set as its {@link Responder}: JSON, Bedrock error
 * responses ({@code x-amzn-ErrorType} and {@code {"message":...}}) or {@code application/vnd.amazon.eventstream}
 * frames encoded by the AWS event-stream codec.
 */
public final class FakeBedrock implements AutoCloseable {

    public static final String ACCESS_KEY = "AKIDFAKEBEDROCK01";
    public static final String SECRET = "fake/Bedrock+secret0123456789abcdefghijk";
    public static final String API_KEY = "bedrock-api-key-ABSKfake0123";
    public static final String REGION = "us-east-1";
    public static final String REQUEST_ID = "7f1c5e0a-1b2c-4d3e-8f90-a1b2c3d4e5f6";

    private static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/]+)/([^,]+), "
            + "SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** One received request; {@code authenticated} tells whether its signature or API key checked out. */
    public record Received(String method, String rawPath, String query, Headers headers, byte[] bodyBytes,
                           boolean authenticated) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        public String body() {
            return new String(bodyBytes, StandardCharsets.UTF_8);
        }
    }

    /** Writes the answer to one request. */
    @FunctionalInterface
    public interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile Responder responder = error(500, "InternalServerException", "no responder set");

    public FakeBedrock() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                boolean authenticated = authenticated(exchange, body);
                count.incrementAndGet();
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body, authenticated));
                if (!authenticated) {
                    error(403, "InvalidSignatureException", "The request signature we calculated does not match "
                            + "the signature you provided.").respond(exchange);
                    return;
                }
                responder.respond(exchange);
            }
        });
        server.start();
    }

    /** The base URL ({@code http://127.0.0.1:<port>}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void respondWith(Responder r) {
        responder = r;
    }

    public int requestCount() {
        return count.get();
    }

    /** The next received request, waiting for it a little. */
    public Received nextRequest() throws InterruptedException {
        Received r = received.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request reached the fake Bedrock");
        }
        return r;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static boolean authenticated(HttpExchange exchange, byte[] body) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null) {
            return false;
        }
        if (authorization.startsWith("Bearer ")) {
            return authorization.substring(7).equals(API_KEY);
        }
        Matcher m = AUTHORIZATION.matcher(authorization);
        String date = exchange.getRequestHeaders().getFirst("X-Amz-Date");
        if (!m.matches() || !m.group(1).equals(ACCESS_KEY) || date == null) {
            return false;
        }
        Map<String, String> signed = new LinkedHashMap<>();
        for (String name : m.group(3).split(";")) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value == null) {
                return false;
            }
            signed.put(name, value);
        }
        URI uri = URI.create("http://" + exchange.getRequestHeaders().getFirst("Host")
                + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        String expected = AwsSdkSigV4.authorization(exchange.getRequestMethod(), uri, signed, body, ACCESS_KEY, SECRET,
                exchange.getRequestHeaders().getFirst("X-Amz-Security-Token"), REGION, "bedrock",
                Instant.from(AMZ_DATE.parse(date)));
        return expected.equals(authorization);
    }

    /** A complete JSON answer with the Bedrock request id. */
    public static Responder json(int status, String body) {
        return json(status, body, Map.of());
    }

    /** A complete JSON answer with extra response headers. */
    public static Responder json(int status, String body, Map<String, String> headers) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("x-amzn-RequestId", REQUEST_ID);
            headers.forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    /** A Bedrock error response: the type in {@code x-amzn-ErrorType}, the text as {@code {"message":...}}. */
    public static Responder error(int status, String errorType, String message) {
        return json(status, JsonText.write(BedrockErrors.encode(message)), Map.of("x-amzn-ErrorType",
                errorType + ":http://internal.amazon.com/coral/com.amazon.bedrock/"));
    }

    /** An event message ({@code :message-type event}) with a JSON payload. */
    public static byte[] event(String eventType, String json) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString(eventType));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        return encode(new Message(headers, json.getBytes(StandardCharsets.UTF_8)));
    }

    /** An exception message ({@code :message-type exception}), as Bedrock ends a failed stream. */
    public static byte[] exception(String exceptionType, String message) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":exception-type", HeaderValue.fromString(exceptionType));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("exception"));
        return encode(new Message(headers, JsonText.write(BedrockErrors.encode(message))
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] encode(Message m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.encode(out);
        return out.toByteArray();
    }

    /** An event stream of the given frames, each flushed on its own, then the end of the body. */
    public static Responder eventStream(List<byte[]> frames) {
        return gatedEventStream(frames, -1, null);
    }

    /**
     * An event stream that stops before frame {@code gateBefore} until {@code gate} opens: the client must have
     * processed the earlier frames while the later ones are not yet sent. If the gate stays shut for 5 s (a client
     * that buffers), the body ends there, which the client sees as a stream cut short.
     */
    public static Responder gatedEventStream(List<byte[]> frames, int gateBefore, CountDownLatch gate) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/vnd.amazon.eventstream");
            exchange.getResponseHeaders().set("x-amzn-RequestId", REQUEST_ID);
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < frames.size(); i++) {
                if (i == gateBefore && !await(gate)) {
                    return;
                }
                out.write(frames.get(i));
                out.flush();
            }
        };
    }

    /** Frames, then a cut: the connection is dropped in the middle of the next frame, with no clean end. */
    public static Responder resetAfter(List<byte[]> frames, byte[] cutFrame) {
        return exchange -> {
            eventStream(frames).respond(exchange);
            exchange.getResponseBody().write(cutFrame, 0, cutFrame.length / 2);
            exchange.getResponseBody().flush();
            throw new IOException("connection reset by the fake");
        };
    }

    /** Frames, then silence until {@code release} opens. */
    public static Responder stallAfter(List<byte[]> frames, CountDownLatch release) {
        return exchange -> {
            eventStream(frames).respond(exchange);
            await(release);
        };
    }

    /** Whether the latch opened within 5 s. */
    private static boolean await(CountDownLatch latch) throws IOException {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
