package io.aigw.jca.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.aigw.jca.provider.ProviderSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpstreamHttpTest {

    private static final int PARALLEL = 3;

    private final Timer timer = new Timer("upstream-http-test", true);
    private final ExecutorService callers = Executors.newFixedThreadPool(PARALLEL);
    private final CountDownLatch allArrived = new CountDownLatch(PARALLEL);
    private HttpServer server;
    private UpstreamHttp http;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            allArrived.countDown();
            try {
                // hold every answer until all callers are in, so that each needs its own connection
                allArrived.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        http = new UpstreamHttp(ProviderSettings.of("t", "openai", "http://127.0.0.1:" + server.getAddress().getPort(),
                Duration.ofSeconds(5)), new ReadWatchdog(timer));
    }

    @AfterEach
    void stop() {
        http.close();
        callers.shutdownNow();
        server.stop(0);
        timer.cancel();
    }

    private static int pooled(UpstreamHttp http) {
        org.apache.hc.core5.pool.PoolStats stats = http.connections().getTotalStats();
        return stats.getLeased() + stats.getAvailable();
    }

    private String call() throws Exception {
        UpstreamResponse response = http.send(http.request("/ping").header("Content-Type", "application/json")
                .post("{}"));
        try (InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void connectionsUnusedForTheIdleLimitAreClosedAndTheNextCallOpensANewOne() throws Exception {
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            answers.add(callers.submit(this::call));
        }
        for (Future<String> a : answers) {
            assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo("{\"ok\":true}");
        }
        assertThat(pooled(http)).isEqualTo(PARALLEL);

        http.closeIdle(UpstreamHttp.IDLE_LIMIT);
        assertThat(pooled(http)).as("not idle for the limit yet").isEqualTo(PARALLEL);

        Thread.sleep(20);
        http.closeIdle(Duration.ofMillis(10));
        assertThat(pooled(http)).isZero();

        assertThat(call()).isEqualTo("{\"ok\":true}");
        assertThat(pooled(http)).isEqualTo(1);
    }

    @Test
    void sendsTheBodyAndHeadersItWasGivenWithTheGatewaysUserAgent() throws Exception {
        List<String> seen = new ArrayList<>();
        server.removeContext("/");
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (seen) {
                seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                        + exchange.getRequestHeaders().getFirst("User-Agent") + " "
                        + exchange.getRequestHeaders().getFirst("X-Extra") + " "
                        + exchange.getRequestHeaders().getFirst("Content-Length") + " " + body);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });

        UpstreamResponse response = http.send(http.request("/v1/x?a=1").header("X-Extra", "yes").post("{\"é\":1}"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body().read()).isEqualTo(-1);
        // Content-Length counts UTF-8 bytes: é is two
        assertThat(seen).containsExactly("POST /v1/x?a=1 aigw yes 8 {\"é\":1}");
    }
    @Test
    void aConnectionTheUpstreamClosedWhileIdleIsReplacedNotFailed() throws Exception {
        java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
        try (java.net.ServerSocket upstream = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!upstream.isClosed()) {
                    try (java.net.Socket s = upstream.accept()) {
                        accepted.incrementAndGet();
                        InputStream in = s.getInputStream();
                        String head = "";
                        while (!head.endsWith("\r\n\r\n")) {
                            head += (char) in.read();
                        }
                        int length = Integer.parseInt(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
                        in.readNBytes(length);
                        s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
                        s.getOutputStream().flush();
                        // keep-alive as far as the client knows, then closed while idle, as servers with a
                        // keep-alive timeout do
                        Thread.sleep(200);
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            UpstreamHttp closing = new UpstreamHttp(ProviderSettings.of("t", "openai",
                    "http://127.0.0.1:" + upstream.getLocalPort(), Duration.ofSeconds(5)), new ReadWatchdog(timer));
            try {
                for (int i = 0; i < 2; i++) {
                    UpstreamResponse response = closing.send(closing.request("/ping")
                            .header("Content-Type", "application/json").post("{}"));
                    try (InputStream body = response.body()) {
                        assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{}");
                    }
                    // past the idle time after which a pooled connection is checked before reuse
                    Thread.sleep(2_300);
                }
            } finally {
                closing.close();
            }
            assertThat(accepted).hasValue(2);
        }
    }
    @Test
    void theSocketsReadTimeoutStaysBehindTheConfiguredWaits() {
        ProviderSettings slow = new ProviderSettings("ollama", "openai", "http://127.0.0.1:1/v1", Duration.ofSeconds(2),
                Duration.ofSeconds(300), Duration.ofSeconds(120), Duration.ofMinutes(30), false, java.util.Map.of(),
                java.util.List.of(), "", null, null, null, null, null);

        // the client's default (3 minutes) would cut off the 300 s response-header timeout
        assertThat(UpstreamHttp.socketConfig(slow).getSoTimeout().toMilliseconds())
                .isGreaterThan(Duration.ofSeconds(300).toMillis());
        assertThat(UpstreamHttp.socketConfig(slow).isTcpNoDelay()).isTrue();
    }
}
