package io.aigw.policy.audit;

import io.aigw.policy.config.GatewaySettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit trail's upkeep: at start-up, settles the requests this node left without an outcome
 * ({@code interrupted}); every hour, applies retention; on request, verifies the chains. Transactions are its own
 * (plain JDBC), never the container's.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionManagement(TransactionManagementType.BEAN)
public class AuditMaintenance {

    private static final Logger LOG = Logger.getLogger(AuditMaintenance.class.getName());

    @Inject
    AuditWriter writer;

    @Inject
    AuditStore store;

    @Inject
    NodeIdentity node;

    @Inject
    GatewaySettings settings;

    private final Clock clock = Clock.systemUTC();

    @PostConstruct
    void start() {
        try {
            int settled = new AuditRecovery(writer, store, node.id()).settle(LocalDateTime.now(clock));
            if (settled > 0) {
                LOG.warning("Recorded " + settled + " request(s) of node " + node.id() + " as interrupted: the node "
                        + "stopped before their outcome was written");
            }
        } catch (SQLException | AuditUnavailableException | RuntimeException e) {
            LOG.log(Level.SEVERE, "Could not settle interrupted requests of node " + node.id()
                    + "; they are settled at the next start", e);
        }
        retain();
    }

    /** Hourly retention; a failure is logged and retried at the next hour. */
    @Schedule(hour = "*", minute = "7", persistent = false)
    void retain() {
        try {
            long deleted = purge(LocalDateTime.now(clock));
            if (deleted > 0) {
                LOG.info("Audit retention (" + settings.auditRetention() + ") purged " + deleted + " event(s) of node "
                        + node.id());
            }
        } catch (AuditUnavailableException | RuntimeException e) {
            LOG.log(Level.WARNING, "Audit retention failed; retried at the next hour", e);
        }
    }

    /** Purges the events that have expired at {@code now} (UTC); returns how many were deleted. */
    public long purge(LocalDateTime now) throws AuditUnavailableException {
        return new AuditRetention(writer, node.id(), settings.auditRetention()).purge(now);
    }

    /** Verifies the chains (see {@link AuditVerifier}). */
    public AuditVerifier.Result verify(LocalDateTime from, LocalDateTime to, String onlyNode) throws SQLException {
        AuditStore.Head head = writer.committedHead();
        Map<String, Long> heads = head.seq() < 0 ? Map.of() : Map.of(node.id(), head.seq());
        try (Connection c = store.connection()) {
            return new AuditVerifier(writer.chain(), store.timeoutSeconds()).verify(c, from, to, onlyNode, heads);
        }
    }
}
