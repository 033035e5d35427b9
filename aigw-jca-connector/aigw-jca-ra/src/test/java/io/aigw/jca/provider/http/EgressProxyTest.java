package io.aigw.jca.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.aigw.jca.api.ImagePart;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.provider.ProviderSettings;
import io.aigw.jca.provider.ProviderSettings.ImageFetchSettings;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Timer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Upstream calls and image fetches through an HTTP proxy, with and without its credentials and exemptions. */
class EgressProxyTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString("svc:p@ss:word".getBytes(StandardCharsets.UTF_8));

    private final Timer timer = new Timer("egress-proxy-test", true);
    private final AtomicInteger originRequests = new AtomicInteger();
    private HttpServer origin;

    @BeforeEach
    void start() throws Exception {
        origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        origin.createContext("/v1/ping", exchange -> {
            originRequests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        origin.createContext("/cat.png", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, PNG.length);
            exchange.getResponseBody().write(PNG);
            exchange.close();
        });
        origin.start();
    }

    @AfterEach
    void stop() {
        origin.stop(0);
        timer.cancel();
    }

    private String base() {
        return "http://127.0.0.1:" + origin.getAddress().getPort() + "/v1";
    }

    private UpstreamHttp http(EgressProxy proxy) {
        ProviderSettings s = ProviderSettings.of("t", "openai", base(), Duration.ofSeconds(5));
        return new UpstreamHttp(new ProviderSettings(s.connectionName(), s.protocol(), s.baseUrl(), s.connectTimeout(),
                s.responseTimeout(), s.idleTimeout(), s.totalTimeout(), true, s.headers(), s.models(), "", null, null,
                null, null, proxy), new ReadWatchdog(timer));
    }

    private static String call(UpstreamHttp http) throws Exception {
        UpstreamResponse r = http.send(http.request("/ping").header("Content-Type", "application/json").post("{}"));
        try (InputStream body = r.body()) {
            return r.statusCode() + " " + new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theProxyUrlIsParsedAndItsPasswordNeverShown() {
        EgressProxy p = EgressProxy.of("http://svc:p%40ss%3Aword@proxy.corp.example:3128", "localhost, .internal.example,10.1.2.3");
        assertThat(p.host()).isEqualTo("proxy.corp.example");
        assertThat(p.port()).isEqualTo(3128);
        assertThat(p.authorization()).isEqualTo(BASIC);
        assertThat(p.toString()).doesNotContain("p@ss").isEqualTo(
                "http://svc:***@proxy.corp.example:3128 (not for localhost,.internal.example,10.1.2.3)");
        assertThat(p.appliesTo("api.openai.com")).isTrue();
        assertThat(p.appliesTo("localhost")).isFalse();
        assertThat(p.appliesTo("models.internal.example")).isFalse();
        assertThat(p.appliesTo("internal.example.evil.com")).isTrue();
        assertThat(p.appliesTo("10.1.2.3")).isFalse();
        assertThat(EgressProxy.of("", "").appliesTo("api.openai.com")).isFalse();
        assertThat(catchThrowableOfType(() -> EgressProxy.of("socks5://p:1080", ""), IllegalArgumentException.class))
                .hasMessage("proxyUrl must be http://[user:password@]host:port");
    }

    @Test
    void upstreamCallsGoThroughTheProxyAndAnswerItsChallengeWithTheCredentials() throws Exception {
        try (ForwardProxy proxy = new ForwardProxy(BASIC, 200)) {
            UpstreamHttp http = http(EgressProxy.of("http://svc:p%40ss%3Aword@127.0.0.1:" + proxy.port(), ""));
            try {
                assertThat(call(http)).isEqualTo("200 {\"ok\":true}");
            } finally {
                http.close();
            }
            String url = "POST " + base() + "/ping HTTP/1.1";
            assertThat(proxy.requestLines()).containsExactly(url, url); // 407 first, then with the credentials
            assertThat(originRequests).hasValue(1);
        }
    }

    @Test
    void hostsExemptFromTheProxyAreReachedDirectly() throws Exception {
        try (ForwardProxy proxy = new ForwardProxy(null, 200)) {
            UpstreamHttp http = http(EgressProxy.of("http://127.0.0.1:" + proxy.port(), "127.0.0.1"));
            try {
                assertThat(call(http)).isEqualTo("200 {\"ok\":true}");
            } finally {
                http.close();
            }
            assertThat(proxy.requestLines()).isEmpty();
            assertThat(originRequests).hasValue(1);
        }
    }

    @Test
    void imagesAreFetchedThroughTheProxyWithItsCredentials() throws Exception {
        try (ForwardProxy proxy = new ForwardProxy(BASIC, 200)) {
            ImageFetcher fetcher = new ImageFetcher("t", new ImageFetchSettings(true, 1024, Duration.ofSeconds(5), 8,
                    1024, Duration.ofSeconds(5)), EgressProxy.of("http://svc:p%40ss%3Aword@127.0.0.1:" + proxy.port(), ""));
            String url = "http://127.0.0.1:" + origin.getAddress().getPort() + "/cat.png";
            assertThat(fetcher.load(new ImagePart(url, null), fetcher.budget()).data()).isEqualTo(PNG);
            assertThat(proxy.requestLines()).containsExactly("GET " + url + " HTTP/1.1");
        }
    }

    @Test
    void httpsImagesAskTheProxyForATunnel() throws Exception {
        try (ForwardProxy proxy = new ForwardProxy(BASIC, 403)) {
            ImageFetcher fetcher = new ImageFetcher("t", new ImageFetchSettings(true, 1024, Duration.ofSeconds(5), 8,
                    1024, Duration.ofSeconds(5)), EgressProxy.of("http://svc:p%40ss%3Aword@127.0.0.1:" + proxy.port(), ""));
            ProviderException e = catchThrowableOfType(() -> fetcher.load(
                    new ImagePart("https://images.example.invalid/cat.png", null), fetcher.budget()),
                    ProviderException.class);
            assertThat(e.getMessage()).isEqualTo("Connection 't' could not fetch the image URL (the proxy refused the "
                    + "tunnel with HTTP 403).");
            assertThat(proxy.requestLines()).containsExactly("CONNECT images.example.invalid:443 HTTP/1.1");
            assertThat(proxy.heads.get(0)).contains("Proxy-Authorization: " + BASIC);
        }
    }
}
