package io.aigw.policy.audit;

import io.aigw.policy.config.GatewaySettings;
import io.aigw.policy.usage.UsageStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The audit table over plain JDBC, usable from any thread: batches committed on their own connection, events added to
 * the caller's transaction, the chain head, and a probe of the database. Every statement has a timeout
 * ({@code aigw.audit.statement-timeout}), so a hung database turns into failures in bounded time.
 */
@ApplicationScoped
public class AuditStore {

    @Resource(lookup = "jdbc/aigw")
    DataSource dataSource;

    @Inject
    GatewaySettings settings;

    private int timeoutSeconds;

    /**
     * The end of one node's chain.
     *
     * @param seq  its last sequence number (0 for none)
     * @param hash its last event's hash ({@link AuditChain#GENESIS} for none, or for a last row written unchained)
     */
    record Head(long seq, String hash) {
    }

    @PostConstruct
    void init() {
        configure(dataSource, settings.auditStatementTimeout());
    }

    /** Sets the data source and the statement timeout (what {@link #init()} takes from injection). */
    void configure(DataSource source, java.time.Duration statementTimeout) {
        dataSource = source;
        timeoutSeconds = (int) Math.max(1, statementTimeout.toSeconds());
    }

    /**
     * Inserts the events, adds their usage to the aggregate store and commits: one JDBC batch per table and one
     * durable commit.
     */
    void insert(List<AuditRecord> events) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(AuditRows.INSERT)) {
                ps.setQueryTimeout(timeoutSeconds);
                for (AuditRecord r : events) {
                    AuditRows.bind(ps, r);
                    ps.addBatch();
                }
                ps.executeBatch();
                UsageStore.add(c, AuditUsage.of(events), timeoutSeconds);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    /** Inserts the event in the caller's (container) transaction: it commits or rolls back with the caller's work. */
    void insertInCurrentTransaction(AuditRecord event) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(AuditRows.INSERT)) {
            ps.setQueryTimeout(timeoutSeconds);
            AuditRows.bind(ps, event);
            ps.executeUpdate();
        }
    }

    /** The last event of a node's chain. */
    Head head(String nodeId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT CHAIN_SEQ, RECORD_HASH FROM AIGW_AUDIT WHERE NODE_ID = ? AND CHAIN_SEQ = "
                        + "(SELECT MAX(CHAIN_SEQ) FROM AIGW_AUDIT WHERE NODE_ID = ?)")) {
            ps.setQueryTimeout(timeoutSeconds);
            ps.setString(1, nodeId);
            ps.setString(2, nodeId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new Head(0, AuditChain.GENESIS);
                }
                String hash = rs.getString(2);
                return new Head(rs.getLong(1), hash == null ? AuditChain.GENESIS : hash);
            }
        }
    }

    /** Whether the database answers a query now (within the statement timeout). */
    boolean probe() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(timeoutSeconds);
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM AIGW_SCHEMA_VERSION")) {
                return rs.next();
            }
        } catch (SQLException | RuntimeException | StackOverflowError | LinkageError e) {
            // whatever the driver throws, the database is not answering: the writer stays unavailable
            return false;
        }
    }

    /** A connection for the maintenance work (verification, recovery, retention); the caller closes it. */
    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    int timeoutSeconds() {
        return timeoutSeconds;
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
