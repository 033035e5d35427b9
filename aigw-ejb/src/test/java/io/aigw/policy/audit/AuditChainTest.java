package io.aigw.policy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hash chain, its verification, retention and the settling of interrupted requests, on a real Derby. */
class AuditChainTest {

    private final LocalDateTime now = LocalDateTime.of(2026, 12, 3, 10, 0);

    private static void writeRequests(DerbyAudit audit, int n, LocalDateTime at) throws Exception {
        for (int i = 0; i < n; i++) {
            String id = io.aigw.policy.RequestIds.next();
            audit.writer.enqueue(DerbyAudit.event(AuditRecords.ACCEPTED, id, at));
            audit.writer.write(DerbyAudit.event(AuditRecords.OUTCOME, id, at));
        }
    }

    private static String idAt(DerbyAudit audit, long seq) throws Exception {
        try (Connection c = audit.derby.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT ID FROM AIGW_AUDIT WHERE CHAIN_SEQ = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void anUntouchedChainVerifies() throws Exception {
        try (DerbyAudit audit = new DerbyAudit("node-a")) {
            writeRequests(audit, 10, now);
            AuditVerifier.Result result = audit.verify(Map.of("node-a", 20L));
            assertThat(result).isEqualTo(new AuditVerifier.Result(20, 0, null));
        }
    }

    @Test
    void aValueChangedWithSqlBreaksTheChainAtThatEvent() throws Exception {
        try (DerbyAudit audit = new DerbyAudit("node-a")) {
            writeRequests(audit, 10, now);
            audit.sql("UPDATE AIGW_AUDIT SET LATENCY_MS = LATENCY_MS + 1 WHERE CHAIN_SEQ = 7");
            assertThat(audit.verify(Map.of()).firstBreak())
                    .isEqualTo(new AuditVerifier.Break("node-a", 7, idAt(audit, 7)));
        }
    }

    @Test
    void aRecomputedPlainHashDoesNotHideAChange() throws Exception {
        try (DerbyAudit audit = new DerbyAudit("node-a")) {
            writeRequests(audit, 3, now);
            audit.sql("UPDATE AIGW_AUDIT SET TENANT = 'other', RECORD_HASH = '"
                    + "0".repeat(64) + "' WHERE CHAIN_SEQ = 2");
            assertThat(audit.verify(Map.of()).firstBreak())
                    .isEqualTo(new AuditVerifier.Break("node-a", 2, idAt(audit, 2)));
        }
    }

    @Test
    void aDeletedEventBreaksTheChainAtTheNextOne() throws Exception {
        try (DerbyAudit audit = new DerbyAudit("node-a")) {
            writeRequests(audit, 10, now);
            audit.sql("DELETE FROM AIGW_AUDIT WHERE CHAIN_SEQ = 12");
            AuditVerifier.Result result = audit.verify(Map.of());
            assertThat(result.firstBreak()).isEqualTo(new AuditVerifier.Break("node-a", 13, idAt(audit, 13)));
            assertThat(result.verified()).isEqualTo(11);
        }
    }

    @Test
    void eventsDeletedFromTheEndOfTheChainAreFoundAgainstTheWritersHead() throws Exception {
        try (DerbyAudit audit = new DerbyAudit("node-a")) {
            writeRequests(audit, 5, now);
            audit.sql("DELETE FROM AIGW_AUDIT WHERE CHAIN_SEQ > 8");
            assertThat(audit.verify(Map.of("node-a", 10L)).firstBreak())
                    .isEqualTo(new AuditVerifier.Break("node-a", 9, null));
        }
    }

    @Test
    void theFirstEventsDeletedWithoutAPurgeBreakTheChain() throws Exception {
        try (DerbyAudit audit = new DerbyAudit("node-a")) {
            writeRequests(audit, 5, now);
            audit.sql("DELETE FROM AIGW_AUDIT WHERE CHAIN_SEQ <= 2");
            assertThat(audit.verify(Map.of()).firstBreak())
                    .isEqualTo(new AuditVerifier.Break("node-a", 3, idAt(audit, 3)));
        }
    }

    @Test
    void retentionPurgesTheExpiredBeginningAndTheChainStillVerifies() throws Exception {
        try (DerbyAudit audit = new DerbyAudit("node-a")) {
            writeRequests(audit, 4, now.minusDays(500));
            writeRequests(audit, 3, now.minusDays(10));
            AuditRetention retention = new AuditRetention(audit.writer, "node-a", Duration.ofDays(400));

            assertThat(retention.purge(now)).isEqualTo(8);
            assertThat(audit.count("CHAIN_SEQ <= 8")).isZero();
            assertThat(audit.count("EVENT_TYPE = 'purge' AND CHAIN_SEQ = 15 AND DETAILS LIKE '%\"through_seq\":8%'"))
                    .isEqualTo(1);
            assertThat(audit.verify(Map.of("node-a", 15L))).isEqualTo(new AuditVerifier.Result(7, 0, null));

            assertThat(retention.purge(now)).isZero();
            writeRequests(audit, 1, now);
            assertThat(audit.verify(Map.of("node-a", 17L)).firstBreak()).isNull();
        }
    }

    @Test
    void aPurgeAnchorCannotBeForgedToHideDeletedEvents() throws Exception {
        try (DerbyAudit audit = new DerbyAudit("node-a")) {
            writeRequests(audit, 4, now.minusDays(500));
            writeRequests(audit, 2, now);
            new AuditRetention(audit.writer, "node-a", Duration.ofDays(400)).purge(now);
            audit.sql("DELETE FROM AIGW_AUDIT WHERE CHAIN_SEQ = 9");
            assertThat(audit.verify(Map.of()).firstBreak())
                    .isEqualTo(new AuditVerifier.Break("node-a", 10, idAt(audit, 10)));
        }
    }

    @Test
    void acceptedRequestsWithoutAnOutcomeAreSettledAsInterruptedOnce() throws Exception {
        try (DerbyAudit audit = new DerbyAudit("node-a")) {
            writeRequests(audit, 2, now);
            audit.writer.write(DerbyAudit.event(AuditRecords.ACCEPTED, "lost-1", now));
            audit.writer.write(DerbyAudit.event(AuditRecords.ACCEPTED, "lost-2", now));
            AuditRecovery recovery = new AuditRecovery(audit.writer, audit.store, "node-a");

            assertThat(recovery.settle(now.plusMinutes(1))).isEqualTo(2);
            assertThat(audit.count("EVENT_TYPE = 'outcome' AND REQUEST_ID IN ('lost-1', 'lost-2') "
                    + "AND ERROR_CODE = 'interrupted' AND HTTP_STATUS IS NULL AND TENANT = 'acme'")).isEqualTo(2);
            assertThat(recovery.settle(now.plusMinutes(2))).isZero();
            assertThat(audit.verify(Map.of()).firstBreak()).isNull();
        }
    }
}
