package io.aigw.policy.quota;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import javax.sql.DataSource;

/**
 * The shared token buckets of rate limits ({@code AIGW_RATE_BUCKET}): one row per figure, refilled continuously at
 * its capacity per minute from the time it was last written. A lease locks the row (an update), refills it, takes
 * what it may and writes it back in one short transaction; a return adds tokens back the same way. Tokens are kept in
 * thousandths so that refills of a fraction of a token are not lost.
 */
public final class SharedBucketRows {

    private static final long MILLI = 1000;

    private final DataSource dataSource;
    private final int timeoutSeconds;

    public SharedBucketRows(DataSource dataSource, int timeoutSeconds) {
        this.dataSource = dataSource;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * The outcome of a lease.
     *
     * @param granted   whole tokens granted (0 when fewer than asked for at least were there)
     * @param leftMilli thousandths of tokens left in the shared bucket afterwards (may be negative: a debt)
     */
    public record Lease(long granted, long leftMilli) {
    }

    /**
     * Takes between {@code need} and {@code want} whole tokens if at least {@code need} are there at {@code nowMs}.
     */
    public Lease lease(String counter, long capacity, long need, long want, long nowMs) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    long[] row = lockAndRead(c, counter);
                    long tokens = row == null ? capacity * MILLI : refill(row[0], row[1], capacity, nowMs);
                    long available = Math.floorDiv(tokens, MILLI);
                    long granted = available >= need ? Math.min(available, want) : 0;
                    long left = tokens - granted * MILLI;
                    if (row == null) {
                        insert(c, counter, capacity, left, nowMs);
                    } else {
                        write(c, counter, left, nowMs);
                    }
                    c.commit();
                    return new Lease(granted, left);
                } catch (SQLException e) {
                    c.rollback();
                    if (attempt > 0 || !isDuplicate(e)) {
                        throw e;
                    }
                    // another node inserted the row first: read it this time
                } catch (RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            }
        }
    }

    /** Adds {@code tokens} back (negative: takes a debt), never beyond the capacity. */
    public void give(String counter, long capacity, long tokens, long nowMs) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long[] row = lockAndRead(c, counter);
                if (row != null) {
                    long refilled = refill(row[0], row[1], capacity, nowMs);
                    write(c, counter, Math.min(capacity * MILLI, refilled + tokens * MILLI), nowMs);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** What the bucket holds at {@code nowMs} (full if it was never used), in thousandths. */
    public long peek(String counter, long capacity, long nowMs) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT TOKENS_MILLI, UPDATED_MS FROM AIGW_RATE_BUCKET WHERE COUNTER = ?")) {
            ps.setQueryTimeout(timeoutSeconds);
            ps.setString(1, counter);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? refill(rs.getLong(1), rs.getLong(2), capacity, nowMs) : capacity * MILLI;
            }
        }
    }

    static long refill(long tokensMilli, long updatedMs, long capacity, long nowMs) {
        long elapsed = Math.max(0, nowMs - updatedMs);
        // capacity per minute = capacity thousandths per 60 ms
        long added = elapsed >= 60_000 ? capacity * MILLI : elapsed * capacity / 60;
        return Math.min(capacity * MILLI, tokensMilli + added);
    }

    private long[] lockAndRead(Connection c, String counter) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(
                "UPDATE AIGW_RATE_BUCKET SET UPDATED_MS = UPDATED_MS WHERE COUNTER = ?")) {
            lock.setQueryTimeout(timeoutSeconds);
            lock.setString(1, counter);
            if (lock.executeUpdate() == 0) {
                return null;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT TOKENS_MILLI, UPDATED_MS FROM AIGW_RATE_BUCKET WHERE COUNTER = ?")) {
            ps.setQueryTimeout(timeoutSeconds);
            ps.setString(1, counter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[]{rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    private void write(Connection c, String counter, long tokensMilli, long nowMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE AIGW_RATE_BUCKET SET TOKENS_MILLI = ?, UPDATED_MS = ? WHERE COUNTER = ?")) {
            ps.setQueryTimeout(timeoutSeconds);
            ps.setLong(1, tokensMilli);
            ps.setLong(2, nowMs);
            ps.setString(3, counter);
            ps.executeUpdate();
        }
    }

    private void insert(Connection c, String counter, long capacity, long tokensMilli, long nowMs)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO AIGW_RATE_BUCKET (COUNTER, CAPACITY, TOKENS_MILLI, UPDATED_MS) VALUES (?, ?, ?, ?)")) {
            ps.setQueryTimeout(timeoutSeconds);
            ps.setString(1, counter);
            ps.setLong(2, capacity);
            ps.setLong(3, tokensMilli);
            ps.setLong(4, nowMs);
            ps.executeUpdate();
        }
    }

    /** Whether a failure is a unique-key violation (another node inserted the row first). */
    private static boolean isDuplicate(SQLException e) {
        return e instanceof SQLIntegrityConstraintViolationException
                || (e.getSQLState() != null && e.getSQLState().startsWith("23"));
    }
}
