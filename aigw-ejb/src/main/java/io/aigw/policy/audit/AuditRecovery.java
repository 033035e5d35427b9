package io.aigw.policy.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * At start-up, settles this node's requests that were accepted but have no outcome (the node stopped while they ran):
 * each gets an {@code interrupted} outcome event. Only events after the node's bookmark ({@code AIGW_AUDIT_NODE}) are
 * scanned; the bookmark then moves to the chain's head.
 */
final class AuditRecovery {

    private final AuditWriter writer;
    private final AuditStore store;
    private final String node;

    AuditRecovery(AuditWriter writer, AuditStore store, String node) {
        this.writer = writer;
        this.store = store;
        this.node = node;
    }

    /** @return the number of requests settled as interrupted */
    int settle(LocalDateTime now) throws SQLException, AuditUnavailableException {
        List<AuditRecord> orphans = new ArrayList<>();
        long head;
        try (Connection c = store.connection()) {
            long from = bookmark(c);
            head = store.head(node).seq();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + AuditRows.COLUMNS + " FROM AIGW_AUDIT a "
                    + "WHERE NODE_ID = ? AND CHAIN_SEQ > ? AND EVENT_TYPE = 'accepted' AND NOT EXISTS (SELECT 1 FROM "
                    + "AIGW_AUDIT o WHERE o.REQUEST_ID = a.REQUEST_ID AND o.EVENT_TYPE = 'outcome') ORDER BY CHAIN_SEQ")) {
                ps.setString(1, node);
                ps.setLong(2, from);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        orphans.add(AuditRecords.interrupted(AuditRows.read(rs), now));
                    }
                }
            }
        }
        AuditWriter.Pending last = null;
        for (AuditRecord o : orphans) {
            last = writer.enqueue(o);
        }
        if (last != null) {
            writer.await(last);
        }
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE AIGW_AUDIT_NODE SET SETTLED_THROUGH = ? WHERE NODE_ID = ?")) {
                up.setLong(1, head);
                up.setString(2, node);
                if (up.executeUpdate() == 0) {
                    try (PreparedStatement in = c.prepareStatement(
                            "INSERT INTO AIGW_AUDIT_NODE (NODE_ID, SETTLED_THROUGH) VALUES (?, ?)")) {
                        in.setString(1, node);
                        in.setLong(2, head);
                        in.executeUpdate();
                    }
                }
            }
            c.commit();
        }
        return orphans.size();
    }

    private long bookmark(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT SETTLED_THROUGH FROM AIGW_AUDIT_NODE WHERE NODE_ID = ?")) {
            ps.setString(1, node);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
