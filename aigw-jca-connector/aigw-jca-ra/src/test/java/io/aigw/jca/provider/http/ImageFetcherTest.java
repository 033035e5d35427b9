package io.aigw.jca.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.aigw.jca.api.ImagePart;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.provider.ProviderSettings.ImageFetchSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Image URLs fetched for providers that need bytes, against a real local HTTP server. */
class ImageFetcherTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/cat.png", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, PNG.length);
            exchange.getResponseBody().write(PNG);
            exchange.close();
        });
        server.createContext("/chunked.png", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "image/png; charset=binary");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (byte b : PNG) {
                    out.write(b);
                    out.flush();
                }
            }
        });
        server.createContext("/big.png", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[4096]);
            } catch (IOException e) {
                // the fetcher hung up once the cap was passed
            }
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().set("Location", "/cat.png");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/loop", exchange -> {
            exchange.getResponseHeaders().set("Location", "/loop");
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        server.createContext("/page.html", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            byte[] html = "<html></html>".getBytes();
            exchange.sendResponseHeaders(200, html.length);
            exchange.getResponseBody().write(html);
            exchange.close();
        });
        server.createContext("/slow.png", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, PNG.length);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static ImageFetcher fetcher(boolean allowPrivate, long maxBytes, Duration timeout) {
        return new ImageFetcher("test", new ImageFetchSettings(allowPrivate, maxBytes, timeout, 8, 20L * 1024 * 1024,
                Duration.ofSeconds(20)));
    }

    /** One image of a request of its own. */
    private static ImageBytes load(ImageFetcher fetcher, ImagePart image) throws ProviderException {
        return fetcher.load(image, fetcher.budget());
    }

    private static ImageFetcher allowingLoopback() {
        return fetcher(true, 1024, Duration.ofSeconds(5));
    }

    private static ProviderException failure(ImageFetcher fetcher, String url) {
        ProviderException e = catchThrowableOfType(() -> load(fetcher, new ImagePart(url, null)),
                ProviderException.class);
        assertThat(e).as("fetching " + url + " must fail").isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
        return e;
    }

    @Test
    void fetchesTheBytesAndTheMediaType() throws Exception {
        ImageBytes image = load(allowingLoopback(), new ImagePart(url("/cat.png"), null));

        assertThat(image.mediaType()).isEqualTo("image/png");
        assertThat(image.data()).isEqualTo(PNG);
        assertThat(image.base64()).isEqualTo(Base64.getEncoder().encodeToString(PNG));
    }

    @Test
    void readsChunkedBodies() throws Exception {
        assertThat(load(allowingLoopback(), new ImagePart(url("/chunked.png"), null)).data()).isEqualTo(PNG);
    }

    @Test
    void followsRedirectsButNotForever() throws Exception {
        assertThat(load(allowingLoopback(), new ImagePart(url("/moved"), null)).data()).isEqualTo(PNG);
        assertThat(failure(allowingLoopback(), url("/loop"))).hasMessageContaining("redirected more than 3");
    }

    @Test
    void refusesLoopbackUnlessAllowed() {
        ImageFetcher strict = fetcher(false, 1024, Duration.ofSeconds(5));

        assertThat(failure(strict, url("/cat.png"))).hasMessageContaining("not a public internet address");
        assertThat(failure(strict, "http://localhost:" + server.getAddress().getPort() + "/cat.png"))
                .hasMessageContaining("not a public internet address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/x.png",
            "http://172.20.0.1/x.png", "http://192.168.1.1/x.png", "http://100.64.0.1/x.png", "http://0.0.0.0/x.png",
            "http://[::1]/x.png", "http://[fd00::1]/x.png", "http://[fe80::1]/x.png", "http://[::ffff:127.0.0.1]/x.png",
            "http://[64:ff9b::a9fe:a9fe]/x.png", "http://2130706433/x.png", "http://0x7f.1/x.png"})
    void refusesNonPublicAddressesBeforeConnecting(String url) {
        assertThat(failure(fetcher(false, 1024, Duration.ofSeconds(2)), url)).satisfiesAnyOf(
                e -> assertThat(e).hasMessageContaining("not a public internet address"),
                e -> assertThat(e).hasMessageContaining("does not resolve"),
                e -> assertThat(e).hasMessageContaining("with a host"));
    }

    @Test
    void everyRedirectTargetIsCheckedAgain() throws Exception {
        server.createContext("/to-file", exchange -> {
            exchange.getResponseHeaders().set("Location", "file:///etc/passwd");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });

        assertThat(failure(allowingLoopback(), url("/to-file"))).hasMessageContaining("http(s)");
    }

    @Test
    void capsTheSizeWhetherDeclaredOrStreamed() {
        ImageFetcher small = fetcher(true, 8, Duration.ofSeconds(5));

        assertThat(failure(small, url("/cat.png"))).hasMessageContaining("larger than 8 bytes");
        assertThat(failure(small, url("/big.png"))).hasMessageContaining("larger than 8 bytes");
    }

    @Test
    void capsTheTime() {
        long start = System.nanoTime();

        assertThat(failure(fetcher(true, 1024, Duration.ofMillis(300)), url("/slow.png")))
                .hasMessageContaining("took longer");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void refusesWhatIsNotAnImage() {
        assertThat(failure(allowingLoopback(), url("/page.html"))).hasMessageContaining("did not return an image");
        assertThat(failure(allowingLoopback(), url("/missing.png"))).hasMessageContaining("HTTP 404");
        assertThat(failure(allowingLoopback(), "ftp://example.com/x.png")).hasMessageContaining("http(s)");
        assertThat(failure(allowingLoopback(), "file:///etc/passwd")).hasMessageContaining("http(s)");
        assertThat(failure(allowingLoopback(), "http://user:pw@example.com/x.png")).hasMessageContaining("user");
    }

    @Test
    void decodesDataUrls() throws Exception {
        String data = "data:image/png;base64," + Base64.getEncoder().encodeToString(PNG);

        assertThat(load(allowingLoopback(), new ImagePart(data, null)).data()).isEqualTo(PNG);
        assertThat(failure(allowingLoopback(), "data:text/plain;base64,aGk=")).hasMessageContaining("image media type");
        assertThat(failure(allowingLoopback(), "data:image/png,rawbytes")).hasMessageContaining("base64");
        assertThat(failure(allowingLoopback(), "data:image/png;base64,@@@")).hasMessageContaining("valid base64");
    }

    private static ImageFetcher budgeted(int maxImages, long maxTotalBytes, Duration totalTimeout) {
        return new ImageFetcher("test", new ImageFetchSettings(true, 1024, Duration.ofSeconds(5), maxImages,
                maxTotalBytes, totalTimeout));
    }

    @Test
    void aRequestMayCarryNoMoreImagesThanItsBudget() throws Exception {
        ImageFetcher fetcher = budgeted(2, 1024, Duration.ofSeconds(5));
        ImageFetcher.Budget budget = fetcher.budget();
        fetcher.load(new ImagePart(url("/cat.png"), null), budget);
        fetcher.load(new ImagePart("data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(PNG), null),
                budget);
        ProviderException e = catchThrowableOfType(() -> fetcher.load(new ImagePart(url("/cat.png"), null), budget),
                ProviderException.class);
        assertThat(e.kind()).isEqualTo(ProviderException.Kind.BAD_REQUEST);
        assertThat(e.getMessage()).isEqualTo("A request to connection 'test' may carry at most 2 images.");
        assertThat(fetcher.load(new ImagePart(url("/cat.png"), null), fetcher.budget()).data()).isEqualTo(PNG);
    }

    @Test
    void aRequestsImagesTogetherMayTakeNoMoreBytesThanItsBudget() throws Exception {
        ImageFetcher fetcher = budgeted(8, PNG.length * 2L + 1, Duration.ofSeconds(5));
        ImageFetcher.Budget budget = fetcher.budget();
        fetcher.load(new ImagePart(url("/cat.png"), null), budget);
        fetcher.load(new ImagePart(url("/chunked.png"), null), budget);
        ProviderException e = catchThrowableOfType(() -> fetcher.load(new ImagePart(url("/cat.png"), null), budget),
                ProviderException.class);
        assertThat(e.getMessage()).isEqualTo("The images of a request to connection 'test' may take at most "
                + (PNG.length * 2L + 1) + " bytes together.");
    }

    @Test
    void aRequestsImagesTogetherMayTakeNoLongerThanItsBudget() throws Exception {
        ImageFetcher fetcher = budgeted(8, 1024, Duration.ofMillis(400));
        ImageFetcher.Budget budget = fetcher.budget();
        long start = System.nanoTime();
        ProviderException slow = catchThrowableOfType(() -> fetcher.load(new ImagePart(url("/slow.png"), null), budget),
                ProviderException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(slow.getMessage()).startsWith("Fetching the image URL took longer than the time left");
        ProviderException after = catchThrowableOfType(() -> fetcher.load(new ImagePart(url("/cat.png"), null),
                budget), ProviderException.class);
        assertThat(after.getMessage()).isEqualTo("Fetching the images of a request took longer than 400 ms.");
    }
}
