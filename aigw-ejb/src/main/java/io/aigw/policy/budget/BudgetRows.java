package io.aigw.policy.budget;

import io.aigw.policy.quota.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The SQL of budget use ({@code AIGW_BUDGET_USE}): each node's row per budget period, and the lock that serialises
 * claims on one budget across nodes (an update of the budget's own policy row).
 */
final class BudgetRows {

    private static final String WHERE = " WHERE SCOPE_TYPE = ? AND SCOPE_ID = ? AND PERIOD_START = ?";

    private BudgetRows() {
    }

    /** What the other nodes hold of a period: the larger of claim and spend per node, summed. */
    record Others(long nanos, long tokens) {
    }

    /** Every node's figures of a period, summed. */
    record Totals(long spentNanos, long reservedNanos, long spentTokens, long reservedTokens) {
    }

    /** Locks the budget's policy row until the transaction ends; {@code false} if the budget is gone. */
    static boolean lock(Connection c, Scope scope, int timeout) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE AIGW_SCOPED_POLICY SET UPDATED_AT = UPDATED_AT "
                + "WHERE KIND = 'budget' AND SCOPE_TYPE = ? AND SCOPE_ID = ?")) {
            ps.setQueryTimeout(timeout);
            ps.setString(1, scope.type());
            ps.setString(2, scope.id());
            return ps.executeUpdate() == 1;
        }
    }

    static Others others(Connection c, Scope scope, long periodStart, String node, int timeout) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT "
                + "COALESCE(SUM(CASE WHEN CLAIMED_NANOS > SPENT_NANOS THEN CLAIMED_NANOS ELSE SPENT_NANOS END), 0), "
                + "COALESCE(SUM(CASE WHEN CLAIMED_TOKENS > SPENT_TOKENS THEN CLAIMED_TOKENS ELSE SPENT_TOKENS END), 0) "
                + "FROM AIGW_BUDGET_USE" + WHERE + " AND NODE_ID <> ?")) {
            ps.setQueryTimeout(timeout);
            bind(ps, scope, periodStart);
            ps.setString(4, node);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Others(rs.getLong(1), rs.getLong(2));
            }
        }
    }

    static Totals totals(Connection c, Scope scope, long periodStart, int timeout) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(SPENT_NANOS), 0), "
                + "COALESCE(SUM(RESERVED_NANOS), 0), COALESCE(SUM(SPENT_TOKENS), 0), "
                + "COALESCE(SUM(RESERVED_TOKENS), 0) FROM AIGW_BUDGET_USE" + WHERE)) {
            ps.setQueryTimeout(timeout);
            bind(ps, scope, periodStart);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }

    /** This node's figures as read back at start (its spend survives a restart), or {@code null}. */
    static long[] own(Connection c, Scope scope, long periodStart, String node, int timeout) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT SPENT_NANOS, SPENT_TOKENS FROM AIGW_BUDGET_USE"
                + WHERE + " AND NODE_ID = ?")) {
            ps.setQueryTimeout(timeout);
            bind(ps, scope, periodStart);
            ps.setString(4, node);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new long[]{rs.getLong(1), rs.getLong(2)} : null;
            }
        }
    }

    /** Writes this node's row (update, else insert: only this node writes it). */
    static void write(Connection c, Scope scope, long periodStart, String node, BudgetAccount.Figures f, int timeout)
            throws SQLException {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
        try (PreparedStatement ps = c.prepareStatement("UPDATE AIGW_BUDGET_USE SET CLAIMED_NANOS = ?, "
                + "SPENT_NANOS = ?, RESERVED_NANOS = ?, CLAIMED_TOKENS = ?, SPENT_TOKENS = ?, RESERVED_TOKENS = ?, "
                + "UPDATED_AT = ?" + WHERE + " AND NODE_ID = ?")) {
            ps.setQueryTimeout(timeout);
            int i = figures(ps, 0, f);
            ps.setTimestamp(++i, now);
            ps.setString(++i, scope.type());
            ps.setString(++i, scope.id());
            ps.setLong(++i, periodStart);
            ps.setString(++i, node);
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO AIGW_BUDGET_USE (SCOPE_TYPE, SCOPE_ID, "
                + "PERIOD_START, NODE_ID, CLAIMED_NANOS, SPENT_NANOS, RESERVED_NANOS, CLAIMED_TOKENS, SPENT_TOKENS, "
                + "RESERVED_TOKENS, UPDATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setQueryTimeout(timeout);
            bind(ps, scope, periodStart);
            ps.setString(4, node);
            int i = figures(ps, 4, f);
            ps.setTimestamp(++i, now);
            ps.executeUpdate();
        }
    }

    private static int figures(PreparedStatement ps, int i, BudgetAccount.Figures f) throws SQLException {
        for (long v : new long[]{f.claimedNanos(), f.spentNanos(), f.reservedNanos(), f.claimedTokens(),
                f.spentTokens(), f.reservedTokens()}) {
            ps.setLong(++i, v);
        }
        return i;
    }

    private static void bind(PreparedStatement ps, Scope scope, long periodStart) throws SQLException {
        ps.setString(1, scope.type());
        ps.setString(2, scope.id());
        ps.setLong(3, periodStart);
    }
}
