package io.aigw.policy.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.aigw.policy.audit.DeliveryAudit;
import io.aigw.policy.config.GatewayClock;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deliveries to a real HTTP receiver: signed headers checked by the receiver's own HMAC code, retries with the same
 * {@code webhook-id} on 5xx and 429 and none on other 4xx, redirects not followed, the queue's bound, and one audit
 * event per delivery with its attempts and never the secret.
 */
class WebhookDispatcherTest {

    private static final byte[] KEY = new byte[32];

    private HttpServer receiver;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<Integer> answers = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<DeliveryAudit.Delivery> audited = new CopyOnWriteArrayList<>();
    private WebhookDispatcher dispatcher;
    private WebhookSecrets secrets;
    private String secret;

    private record Received(String id, String timestamp, String signature, byte[] body, long at) {
    }

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body, System.nanoTime()));
            int n = calls.getAndIncrement();
            int status = n < answers.size() ? answers.get(n) : 204;
            if (status == 302) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
            }
            if (status == 429) {
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        secrets = new WebhookSecrets();
        secrets.useKey(KEY);
        secret = WebhookSecrets.generate();
        dispatcher = new WebhookDispatcher();
        dispatcher.secrets = secrets;
        dispatcher.clock = new GatewayClock();
        dispatcher.audit = new DeliveryAudit() {
            @Override
            public void record(Delivery d, boolean durable) {
                audited.add(d);
            }
        };
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        dispatcher.stop();
    }

    @Test
    void aServerErrorIsRetriedWithTheSameIdAndAFreshSignatureThenDelivered() throws Exception {
        answers.addAll(List.of(500, 503));
        dispatcher.configure(RetrySchedule.of(List.of(Duration.ZERO, Duration.ofMillis(200), Duration.ofMillis(400))),
                Duration.ofSeconds(5), 10, 2, true);
        WebhookMessage sent = dispatcher.send(alert(), "aigw.alert.test", Json.createObjectBuilder().add("n", 1).build(),
                "acme", null).orElseThrow();

        List<Received> got = take(3);
        for (Received r : got) {
            assertThat(r.id()).isEqualTo(sent.id());
            assertThat(verify(secret, r)).as("the receiver's own HMAC check").isTrue();
            assertThat(Long.parseLong(r.timestamp())).isCloseTo(System.currentTimeMillis() / 1000, 
                    org.assertj.core.data.Offset.offset(5L));
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).startsWith("{\"type\":\"aigw.alert.test\","
                    + "\"timestamp\":\"").endsWith("\"data\":{\"n\":1}}");
        }
        assertThat(got.get(1).at() - got.get(0).at()).isGreaterThanOrEqualTo(Duration.ofMillis(190).toNanos());
        assertThat(got.get(2).at() - got.get(1).at()).isGreaterThanOrEqualTo(Duration.ofMillis(390).toNanos());

        DeliveryAudit.Delivery d = awaitAudit();
        assertThat(d.webhookId()).isEqualTo(sent.id());
        assertThat(d.status()).isEqualTo(204);
        assertThat(d.errorCode()).isNull();
        assertThat(d.tenant()).isEqualTo("acme");
        assertThat(d.url()).isEqualTo("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook?redacted");
        JsonObject details = d.details();
        assertThat(details.getString("outcome")).isEqualTo("delivered");
        assertThat(details.getInt("attempt_count")).isEqualTo(3);
        assertThat(details.getJsonArray("attempts").getValuesAs(JsonObject.class).stream()
                .map(a -> a.getInt("status")).toList()).containsExactly(500, 503, 204);
        assertThat(details.toString()).doesNotContain(secret).doesNotContain(secret.substring(6))
                .doesNotContain("token=t0ken");
        assertThat(dispatcher.counts()).containsExactly(1, 0, 0);
        assertThat(dispatcher.waiting()).isZero();
    }

    @Test
    void aClientErrorOrARedirectEndsTheDeliveryAtOnce() throws Exception {
        answers.addAll(List.of(400, 302));
        dispatcher.configure(RetrySchedule.of(List.of(Duration.ZERO, Duration.ofMillis(50))), Duration.ofSeconds(5),
                10, 1, true);
        dispatcher.send(alert(), "aigw.alert.test", Json.createObjectBuilder().build(), null, null);
        DeliveryAudit.Delivery first = awaitAudit();
        assertThat(first.status()).isEqualTo(400);
        assertThat(first.errorCode()).isEqualTo("webhook_failed");
        assertThat(first.message()).isEqualTo("The receiver answered HTTP 400.");
        assertThat(first.details().getInt("attempt_count")).isEqualTo(1);

        dispatcher.send(alert(), "aigw.alert.test", Json.createObjectBuilder().build(), null, null);
        DeliveryAudit.Delivery second = awaitAudit();
        assertThat(second.status()).isEqualTo(302);
        assertThat(second.details().getInt("attempt_count")).isEqualTo(1);
        assertThat(calls.get()).as("the redirect's location was not called").isEqualTo(2);
    }

    @Test
    void tooManyRequestsHonoursRetryAfterAndAnUnreachableReceiverFailsAfterItsAttempts() throws Exception {
        answers.add(429);
        dispatcher.configure(RetrySchedule.of(List.of(Duration.ZERO, Duration.ofMillis(10))), Duration.ofSeconds(5),
                10, 1, true);
        dispatcher.send(alert(), "aigw.alert.test", Json.createObjectBuilder().build(), null, null);
        List<Received> got = take(2);
        assertThat(got.get(1).at() - got.get(0).at()).as("Retry-After: 1").isGreaterThanOrEqualTo(
                Duration.ofMillis(950).toNanos());
        assertThat(awaitAudit().status()).isEqualTo(204);

        receiver.stop(0);
        dispatcher.send(alert(), "aigw.alert.test", Json.createObjectBuilder().build(), null, null);
        DeliveryAudit.Delivery failed = awaitAudit();
        assertThat(failed.status()).isNull();
        assertThat(failed.errorCode()).isEqualTo("webhook_failed");
        assertThat(failed.details().getString("outcome")).isEqualTo("failed");
        assertThat(failed.details().getInt("attempt_count")).isEqualTo(2);
    }

    @Test
    void beyondTheQueuesCapacityADeliveryIsDroppedCountedAndAudited() throws Exception {
        receiver.stop(0);
        dispatcher.configure(RetrySchedule.of(List.of(Duration.ZERO, Duration.ofMinutes(10))), Duration.ofSeconds(5),
                2, 1, true);
        assertThat(dispatcher.send(alert(), "aigw.alert.test", Json.createObjectBuilder().build(), null, null))
                .isPresent();
        assertThat(dispatcher.send(alert(), "aigw.alert.test", Json.createObjectBuilder().build(), null, null))
                .isPresent();
        assertThat(dispatcher.send(alert(), "aigw.alert.test", Json.createObjectBuilder().build(), null, null))
                .as("two deliveries wait for their retry").isEmpty();
        DeliveryAudit.Delivery dropped = awaitAudit();
        assertThat(dropped.errorCode()).isEqualTo("webhook_dropped");
        assertThat(dropped.details().getString("outcome")).isEqualTo("dropped");
        assertThat(dispatcher.counts()[2]).isEqualTo(1);
        assertThat(dispatcher.waiting()).isEqualTo(2);
    }

    private Alert alert() {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook?token=t0ken";
        return new Alert("test-alert", AlertSpec.parse(Json.createObjectBuilder().add("kind", "budget").build()),
                WebhookUrl.parse(url, true), secrets.seal("test-alert", secret));
    }

    private List<Received> take(int n) throws InterruptedException {
        List<Received> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Received r = received.poll(10, TimeUnit.SECONDS);
            assertThat(r).as("request " + (i + 1)).isNotNull();
            out.add(r);
        }
        return out;
    }

    private DeliveryAudit.Delivery awaitAudit() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (audited.isEmpty() && System.nanoTime() < end) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertThat(audited).isNotEmpty();
        return audited.remove(0);
    }

    /** The receiver's verification: its own HMAC over id, timestamp and body with the decoded secret. */
    private static boolean verify(String whsec, Received r) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(whsec.replaceFirst("^whsec_", "")), "HmacSHA256"));
        byte[] signed = (r.id() + "." + r.timestamp() + ".").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[signed.length + r.body().length];
        System.arraycopy(signed, 0, all, 0, signed.length);
        System.arraycopy(r.body(), 0, all, signed.length, r.body().length);
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(all));
        for (String candidate : r.signature().split(" ")) {
            if (java.security.MessageDigest.isEqual(candidate.getBytes(StandardCharsets.US_ASCII),
                    expected.getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }
}
