package io.aigw.policy.alert;

import io.aigw.policy.audit.NodeIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Claims a firing in {@code AIGW_ALERT_FIRED}, so that the servers sharing the database send one condition once: a
 * subject without a cooldown (a budget's period and fraction) once ever, one with a cooldown once per cooldown. The
 * row is inserted, or updated only where its last firing is older than the cooldown; the database's key and row
 * locks decide between servers. If the database cannot be reached the firing goes ahead (an alert twice rather than
 * none). Plain JDBC, each claim committed on its own.
 */
@ApplicationScoped
public class AlertClaims {

    private static final Logger LOG = Logger.getLogger(AlertClaims.class.getName());
    /** The longest a claim's statement may take (a delivery thread waits for it). */
    private static final int TIMEOUT_SECONDS = 5;

    @Resource(lookup = "jdbc/aigw")
    DataSource dataSource;

    @Inject
    NodeIdentity nodeIdentity;

    private String node;

    @PostConstruct
    void init() {
        configure(dataSource, nodeIdentity.id());
    }

    /** Sets the database and this server's id (what {@link #init()} takes from injection). */
    void configure(DataSource source, String nodeId) {
        this.dataSource = source;
        this.node = nodeId;
    }

    /**
     * Whether this server may fire {@code alert} for {@code subject} now.
     *
     * @param cooldown how long after the last firing another is allowed, or {@code null}: only once
     */
    public boolean claim(String alert, String subject, Instant now, Duration cooldown) {
        Timestamp at = Timestamp.valueOf(LocalDateTime.ofInstant(now, ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            if (cooldown != null) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE AIGW_ALERT_FIRED SET FIRED_AT = ?, NODE_ID = ? "
                        + "WHERE ALERT_NAME = ? AND SUBJECT = ? AND FIRED_AT <= ?")) {
                    ps.setQueryTimeout(TIMEOUT_SECONDS);
                    ps.setTimestamp(1, at);
                    ps.setString(2, node);
                    ps.setString(3, alert);
                    ps.setString(4, subject);
                    ps.setTimestamp(5, Timestamp.valueOf(LocalDateTime.ofInstant(now.minus(cooldown), ZoneOffset.UTC)));
                    if (ps.executeUpdate() == 1) {
                        return true;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO AIGW_ALERT_FIRED (ALERT_NAME, SUBJECT, FIRED_AT, "
                    + "NODE_ID) VALUES (?, ?, ?, ?)")) {
                ps.setQueryTimeout(TIMEOUT_SECONDS);
                ps.setString(1, alert);
                ps.setString(2, subject);
                ps.setTimestamp(3, at);
                ps.setString(4, node);
                ps.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                    return false; // fired already, by this server or another
                }
                throw e;
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Could not claim the firing of alert '" + alert + "'; it is sent unclaimed", e);
            return true;
        }
    }

    /** Forgets firings older than {@code before}. */
    public void purge(Instant before) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM AIGW_ALERT_FIRED WHERE FIRED_AT < ?")) {
            c.setAutoCommit(true);
            ps.setTimestamp(1, Timestamp.valueOf(LocalDateTime.ofInstant(before, ZoneOffset.UTC)));
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Could not purge old alert firings; retried at the next evaluation", e);
        }
    }
}
