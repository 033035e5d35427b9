package io.aigw.policy.schema;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Brings the database to the schema this build needs, before anything else uses it: applies the missing versions'
 * scripts in order, each in one transaction with its row in {@code AIGW_SCHEMA_VERSION}. A database newer than this
 * build is refused rather than written to.
 *
 * <p>Several servers may start together on one new database; each version is applied exactly once. On PostgreSQL a
 * server migrates only while it holds an advisory lock ({@link SqlDialect#lockMigrations}), and reads the version
 * after taking it. Under that lock, and on its own where there is none (Derby), a version's transaction first inserts
 * the version's row: a second server inserting the same row waits for the first one's transaction and, once it has
 * committed, gets a duplicate key, rolls back and reads the version again. Creating the version table tolerates a
 * table created meanwhile.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());
    private static final String VERSION_TABLE = "AIGW_SCHEMA_VERSION";
    private static final String UNIQUE_VIOLATION = "23505";

    @Resource(lookup = "jdbc/aigw")
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        try (Connection c = dataSource.getConnection()) {
            bringUpToDate(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the aigw database schema", e);
        }
    }

    /** Applies the versions the database behind {@code c} lacks; safe while other servers do the same. */
    public static void bringUpToDate(Connection c) throws SQLException {
        SqlDialect dialect = SqlDialect.of(c);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (SqlDialect.MigrationLock lock = dialect.lockMigrations(c)) {
            ensureVersionTable(c);
            for (int v = checkedVersion(c); v < SchemaScripts.LATEST; v = checkedVersion(c)) {
                apply(c, dialect, v + 1);
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static void ensureVersionTable(Connection c) throws SQLException {
        if (SqlDialect.tableExists(c, VERSION_TABLE)) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + VERSION_TABLE + " (VERSION INTEGER NOT NULL PRIMARY KEY, "
                    + "APPLIED_AT TIMESTAMP NOT NULL)");
        } catch (SQLException e) {
            if (!SqlDialect.tableExists(c, VERSION_TABLE)) {
                throw e;
            }
            // another server created it meanwhile
        }
    }

    /** The database's version; refuses one newer than this build. */
    private static int checkedVersion(Connection c) throws SQLException {
        int current;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(VERSION) FROM " + VERSION_TABLE)) {
            current = rs.next() ? rs.getInt(1) : 0;
        }
        if (current > SchemaScripts.LATEST) {
            throw new IllegalStateException("the aigw database has schema version " + current
                    + ", newer than this build's " + SchemaScripts.LATEST);
        }
        return current;
    }

    /** Applies one version in one transaction that begins by claiming the version's row. */
    private static void apply(Connection c, SqlDialect dialect, int version) throws SQLException {
        c.setAutoCommit(false);
        try {
            if (!claim(c, version)) {
                c.rollback();
                LOG.info("aigw schema version " + version + " was applied by another server");
                return;
            }
            try (Statement s = c.createStatement()) {
                for (String sql : SchemaScripts.statements(dialect, version)) {
                    s.execute(sql);
                }
            }
            c.commit();
            LOG.info("Applied aigw schema version " + version + " (" + dialect.scriptFolder() + ")");
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Inserts the version's row; {@code false} if another server's transaction has inserted it. */
    private static boolean claim(Connection c, int version) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO " + VERSION_TABLE + " (VERSION, APPLIED_AT) VALUES (?, CURRENT_TIMESTAMP)")) {
            p.setInt(1, version);
            p.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }
}
