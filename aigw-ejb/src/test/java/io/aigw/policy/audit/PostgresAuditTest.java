package io.aigw.policy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.policy.RequestIds;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The audit trail's SQL on a real PostgreSQL: group commit into the chain, the row-by-row retry after a refused batch
 * (PostgreSQL aborts the whole transaction), verification, retention and the settling of interrupted requests.
 */
class PostgresAuditTest {

    private final LocalDateTime now = LocalDateTime.of(2026, 12, 3, 10, 0);
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void concurrentWritersShareCommitsAndTheChainVerifies() throws Exception {
        try (PostgresAudit audit = new PostgresAudit("node-a")) {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        audit.writer.write(DerbyAudit.event(AuditRecords.OUTCOME, RequestIds.next(), now));
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertThat(audit.count("NODE_ID = 'node-a' AND CHAIN_SEQ BETWEEN 1 AND 400")).isEqualTo(400);
            assertThat(audit.verify(Map.of("node-a", 400L))).isEqualTo(new AuditVerifier.Result(400, 0, null));
            assertThat(audit.store.head("node-a").seq()).isEqualTo(400);
            assertThat(audit.store.probe()).isTrue();
        }
    }

    @Test
    void anEventPostgresRefusesIsStoredSanitisedAndTheOthersOfItsBatchAsTheyAre() throws Exception {
        try (PostgresAudit audit = new PostgresAudit("node-a")) {
            List<AuditRecord> batch = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                batch.add(DerbyAudit.event(AuditRecords.OUTCOME, "good-" + i, now));
            }
            AuditRecord poison = DerbyAudit.event(AuditRecords.OUTCOME, "poison", now);
            poison.request("chat", "SUBSCRIPTIONS-AND-MORE", "/v1/models", "127.0.0.1"); // longer than HTTP_METHOD
            batch.add(2, poison);
            List<AuditWriter.Pending> pending = new ArrayList<>();
            for (AuditRecord r : batch) {
                pending.add(audit.writer.enqueue(r));
            }
            for (AuditWriter.Pending p : pending) {
                audit.writer.await(p);
            }
            assertThat(audit.count("REQUEST_ID LIKE 'good-%' AND HTTP_METHOD = 'POST'")).isEqualTo(4);
            assertThat(audit.count("REQUEST_ID = 'poison' AND HTTP_METHOD IS NULL AND HTTP_STATUS = 200 "
                    + "AND DETAILS LIKE '%\"sanitised\":true%'")).isEqualTo(1);
            assertThat(audit.writer.available()).isTrue();
            assertThat(audit.verify(Map.of()).firstBreak()).isNull();
        }
    }

    @Test
    void aChangedValueBreaksTheChainAtThatEvent() throws Exception {
        try (PostgresAudit audit = new PostgresAudit("node-a")) {
            writeRequests(audit, 5, now);
            audit.sql("UPDATE AIGW_AUDIT SET OUTPUT_TOKENS = 7 WHERE CHAIN_SEQ = 4");
            AuditVerifier.Result result = audit.verify(Map.of());
            assertThat(result.firstBreak()).extracting(AuditVerifier.Break::node, AuditVerifier.Break::seq)
                    .containsExactly("node-a", 4L);
            assertThat(result.verified()).isEqualTo(3);
        }
    }

    @Test
    void retentionPurgesTheExpiredBeginningAndTheChainStillVerifies() throws Exception {
        try (PostgresAudit audit = new PostgresAudit("node-a")) {
            writeRequests(audit, 4, now.minusDays(500));
            writeRequests(audit, 3, now.minusDays(10));
            AuditRetention retention = new AuditRetention(audit.writer, "node-a", Duration.ofDays(400));

            assertThat(retention.purge(now)).isEqualTo(8);
            assertThat(audit.count("CHAIN_SEQ <= 8")).isZero();
            assertThat(audit.count("EVENT_TYPE = 'purge' AND CHAIN_SEQ = 15")).isEqualTo(1);
            assertThat(audit.verify(Map.of("node-a", 15L))).isEqualTo(new AuditVerifier.Result(7, 0, null));
        }
    }

    @Test
    void acceptedRequestsWithoutAnOutcomeAreSettledAsInterruptedOnce() throws Exception {
        try (PostgresAudit audit = new PostgresAudit("node-a")) {
            writeRequests(audit, 2, now);
            audit.writer.write(DerbyAudit.event(AuditRecords.ACCEPTED, "lost-1", now));
            AuditRecovery recovery = new AuditRecovery(audit.writer, audit.store, "node-a");

            assertThat(recovery.settle(now.plusMinutes(1))).isEqualTo(1);
            assertThat(audit.count("EVENT_TYPE = 'outcome' AND REQUEST_ID = 'lost-1' "
                    + "AND ERROR_CODE = 'interrupted' AND HTTP_STATUS IS NULL")).isEqualTo(1);
            assertThat(recovery.settle(now.plusMinutes(2))).isZero();
            assertThat(audit.verify(Map.of()).firstBreak()).isNull();
        }
    }

    @Test
    void verificationLeavesTheConnectionAsItFoundIt() throws Exception {
        try (PostgresAudit audit = new PostgresAudit("node-a")) {
            writeRequests(audit, 2, now);
            try (Connection c = audit.database.getConnection()) {
                new AuditVerifier(new AuditChain(DerbyAudit.SECRET), 5).verify(c, null, null, null, Map.of());
                assertThat(c.getAutoCommit()).isTrue();
            }
        }
    }

    private static void writeRequests(PostgresAudit audit, int n, LocalDateTime at) throws Exception {
        for (int i = 0; i < n; i++) {
            String id = RequestIds.next();
            audit.writer.enqueue(DerbyAudit.event(AuditRecords.ACCEPTED, id, at));
            audit.writer.write(DerbyAudit.event(AuditRecords.OUTCOME, id, at));
        }
    }
}
