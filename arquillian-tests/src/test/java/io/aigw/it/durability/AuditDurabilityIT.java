package io.aigw.it.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.it.fake.FakeOpenAiServer;
import io.aigw.it.fake.RecordedRequest;
import io.aigw.it.servers.GatewayServer;
import io.aigw.it.support.Gateway;
import io.aigw.it.support.Poll;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit trail survives what a production gateway meets: a {@code kill -9} under load, a database that goes
 * away and comes back, and rows changed behind its back while it was stopped. On the second server
 * ({@link GatewayServer} {@code aigw-dur}) with its database on a Derby Network Server in this JVM ({@link NetworkDatabase}) and its own
 * fake OpenAI upstream. One server serves all tests; each test first brings it (and the database) up and ready, so
 * the order of the tests does not matter.
 */
class AuditDurabilityIT {

    private static final String CHAT = "/v1/chat/completions";
    private static final String PLAIN = "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final int CLIENTS = 16;
    private static final int STREAMS = 3;
    private static final Duration LOAD = Duration.ofSeconds(2);
    private static final Duration RECOVERY = Duration.ofSeconds(15);

    private static DurabilitySettings settings;
    private static FakeOpenAiServer upstream;
    private static NetworkDatabase database;
    private static AuditEvents events;
    private static GatewayServer server;
    private static Gateway gateway;
    private static String adminKey;

    @BeforeAll
    static void startServerOnNetworkDatabase() throws Exception {
        settings = DurabilitySettings.fromSystemProperties();
        adminKey = settings.adminKey();
        upstream = FakeOpenAiServer.start(settings.fakePort());
        database = new NetworkDatabase(settings.derbyHome(), settings.derbyPort());
        database.deleteEarlierRun();
        database.start();
        events = new AuditEvents(database);
        server = GatewayServer.create(settings.serverSpec());
        gateway = server.gateway();
        server.start();

        // the include's embedded database must have been replaced, not merged in
        assertThat(events.hasAuditTable()).as("the gateway's schema in the network database").isTrue();
        assertThat(Files.exists(server.home().resolve("derby"))).as("an embedded database in " + server.home()).isFalse();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            try {
                if (database != null) {
                    database.close();
                }
            } finally {
                if (upstream != null) {
                    upstream.stop();
                }
            }
        }
    }

    @BeforeEach
    void serverReadyOnItsDatabase() throws Exception {
        database.ensureRunning();
        server.ensureReady();
    }

    @Test
    void killMinus9UnderLoadLeavesEveryAnsweredRequestRecorded() throws Exception {
        List<HeldStream> streams = new ArrayList<>();
        ChatLoad load = null;
        try {
            for (int i = 0; i < STREAMS; i++) {
                streams.add(HeldStream.open(gateway, adminKey, upstream));
            }
            load = ChatLoad.start(gateway, adminKey, PLAIN, CLIENTS);
            ChatLoad running = load;
            long started = System.nanoTime();
            boolean loaded = Poll.until(Duration.ofSeconds(30),
                    () -> System.nanoTime() - started >= LOAD.toNanos() && running.answeredCount() >= CLIENTS);
            assertThat(loaded).as("%s answered under load", running.answeredCount()).isTrue();
            server.kill();
        } finally {
            if (load != null) {
                load.stop(Duration.ofSeconds(30));
            }
            streams.forEach(HeldStream::close);
        }
        assertThat(load.unexpected()).as("answers other than 200 before the kill").isEmpty();
        List<String> answered = load.answered();
        List<String> held = streams.stream().map(HeldStream::requestId).toList();

        server.start();

        Map<String, RecordState> expected = new LinkedHashMap<>();
        Map<String, RecordState> actual = new LinkedHashMap<>();
        for (String id : answered) {
            expected.put(id, RecordState.COMPLETED_200);
            actual.put(id, RecordState.of(gateway, adminKey, id));
        }
        for (String id : held) {
            expected.put(id, RecordState.INTERRUPTED);
            // settled when the server starts again; a short grace in case that runs beside readiness
            actual.put(id, Poll.last(RECOVERY, () -> RecordState.of(gateway, adminKey, id),
                    RecordState.INTERRUPTED::equals));
        }
        assertThat(actual).as("%d answered, %d held streams", answered.size(), held.size())
                .containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void databaseOutageFailsClosedBeforeTheProviderAndRecoversByItself() throws Exception {
        HttpResponse<String> before = gateway.post(CHAT, adminKey, PLAIN);
        assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
        try {
            database.stop();

            assertAuditUnavailable(gateway.post(CHAT, adminKey, PLAIN));
            long chatsAfterFirstRefusal = upstreamChats();
            assertAuditUnavailable(gateway.post(CHAT, adminKey, PLAIN));
            assertAuditUnavailable(gateway.post(CHAT, adminKey, PLAIN));
            assertThat(upstreamChats()).as("chat requests the provider received after the first refusal")
                    .isEqualTo(chatsAfterFirstRefusal);

            HttpResponse<String> down = gateway.get("/health/ready", null);
            assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
            assertThat(healthCheck(down, "audit")).as(down.body()).isEqualTo("DOWN");

            database.start();
            HttpResponse<String> up = Poll.last(RECOVERY, () -> gateway.get("/health/ready", null),
                    r -> r.statusCode() == 200);
            assertThat(up.statusCode()).as("readiness %s after the database came back: %s", RECOVERY, up.body())
                    .isEqualTo(200);
            assertThat(healthCheck(up, "audit")).as(up.body()).isEqualTo("UP");

            HttpResponse<String> after = gateway.post(CHAT, adminKey, PLAIN);
            assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
            assertThat(RecordState.of(gateway, adminKey, Gateway.requestId(after))).isEqualTo(RecordState.COMPLETED_200);
        } finally {
            database.ensureRunning();
        }
    }

    @Test
    void tamperingBetweenStopAndStartIsDetected() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = gateway.post(CHAT, adminKey, PLAIN);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            ids.add(Gateway.requestId(r));
        }
        JsonObject intact = verify();
        assertThat(intact.get("first_break")).as(intact.toString()).isEqualTo(JsonValue.NULL);
        assertThat(intact.getJsonNumber("verified").longValue()).as(intact.toString())
                .isGreaterThanOrEqualTo(2L * ids.size());

        AuditEvents.Event changed = events.of(ids.get(0), "outcome");
        AuditEvents.Event removed = events.of(ids.get(1), "accepted");
        AuditEvents.Event afterGap = events.next(removed);
        AuditEvents.SavedRow removedRow = events.copy(removed.id());
        boolean tokensChanged = false;
        boolean rowRemoved = false;
        try {
            server.stop();
            events.addOutputTokens(changed.id(), 1);
            tokensChanged = true;
            server.start();
            assertThat(verify().get("first_break")).as("a changed value").isEqualTo(breakAt(changed));

            server.stop();
            events.addOutputTokens(changed.id(), -1);
            tokensChanged = false;
            events.delete(removed.id());
            rowRemoved = true;
            server.start();
            assertThat(verify().get("first_break")).as("a deleted event " + removed).isEqualTo(breakAt(afterGap));
        } finally {
            // put the trail back as it was, so that the other tests see an intact chain
            if (tokensChanged) {
                events.addOutputTokens(changed.id(), -1);
            }
            if (rowRemoved) {
                events.insert(removedRow);
            }
        }
        server.ensureReady();
        JsonObject restored = verify();
        assertThat(restored.get("first_break")).as("the restored trail: " + restored).isEqualTo(JsonValue.NULL);
    }

    private static JsonObject verify() {
        HttpResponse<String> r = gateway.get("/compliance/audit/verify", adminKey);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Gateway.json(r);
    }

    private static JsonObject breakAt(AuditEvents.Event event) {
        return Json.createObjectBuilder().add("node", event.node()).add("seq", event.seq()).add("id", event.id())
                .build();
    }

    private static void assertAuditUnavailable(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(Gateway.json(r).getJsonObject("error").getString("code")).isEqualTo("audit_unavailable");
        assertThat(r.headers().firstValue("Retry-After")).as("Retry-After").hasValueSatisfying(
                v -> assertThat(Integer.parseInt(v)).isPositive());
    }

    private static long upstreamChats() {
        return upstream.requests().stream().map(RecordedRequest::path).filter(CHAT::equals).count();
    }

    /** The status of the named check in a MicroProfile Health answer. */
    private static String healthCheck(HttpResponse<String> health, String name) {
        return Gateway.json(health).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> name.equals(c.getString("name"))).map(c -> c.getString("status")).findFirst()
                .orElse("(no " + name + " check)");
    }
}
