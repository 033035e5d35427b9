package io.aigw.policy.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;

/**
 * Retention: purges the whole expired beginning of this node's chain (every event up to the last one before the first
 * that is still within {@code aigw.audit.retention}) and records the purge as a chained event that anchors the rest,
 * so the chain still verifies. The only code path that deletes audit events.
 */
final class AuditRetention {

    private static final int DELETE_CHUNK = 10_000;

    private final AuditWriter writer;
    private final String node;
    private final Duration retention;

    AuditRetention(AuditWriter writer, String node, Duration retention) {
        this.writer = writer;
        this.node = node;
        this.retention = retention;
    }

    /**
     * Purges what has expired at {@code now} (UTC).
     *
     * @return the number of events deleted
     */
    long purge(LocalDateTime now) throws AuditUnavailableException {
        LocalDateTime cutoff = now.minus(retention);
        long[] deleted = {0};
        writer.exclusive((c, head) -> {
            long through = lastExpired(c, cutoff, head.seq());
            long first = firstSeq(c);
            if (through < first || first == 0) {
                return null;
            }
            String anchor = hashAt(c, through);
            for (long low = first; low <= through; low += DELETE_CHUNK) {
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM AIGW_AUDIT WHERE NODE_ID = ? AND CHAIN_SEQ BETWEEN ? AND ?")) {
                    ps.setString(1, node);
                    ps.setLong(2, low);
                    ps.setLong(3, Math.min(through, low + DELETE_CHUNK - 1));
                    deleted[0] += ps.executeUpdate();
                }
            }
            return AuditRecords.purge(now, through, anchor, deleted[0], cutoff);
        });
        return deleted[0];
    }

    /** The last sequence number before the first event still within retention (the head if all have expired). */
    private long lastExpired(Connection c, LocalDateTime cutoff, long headSeq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT MIN(CHAIN_SEQ) FROM AIGW_AUDIT WHERE NODE_ID = ? AND OCCURRED_AT >= ?")) {
            ps.setString(1, node);
            ps.setTimestamp(2, Timestamp.valueOf(cutoff));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long firstKept = rs.getLong(1);
                return rs.wasNull() ? headSeq : firstKept - 1;
            }
        }
    }

    private long firstSeq(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(CHAIN_SEQ) FROM AIGW_AUDIT WHERE NODE_ID = ?")) {
            ps.setString(1, node);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String hashAt(Connection c, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT RECORD_HASH FROM AIGW_AUDIT WHERE NODE_ID = ? AND CHAIN_SEQ = ?")) {
            ps.setString(1, node);
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
