package io.aigw.policy.schema;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
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
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

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

    /** Applies the versions the database behind {@code c} lacks. */
    public static void bringUpToDate(Connection c) throws SQLException {
        String dialect = SchemaScripts.dialect(c.getMetaData().getDatabaseProductName());
        ensureVersionTable(c);
        int current = currentVersion(c);
        if (current > SchemaScripts.LATEST) {
            throw new IllegalStateException("the aigw database has schema version " + current
                    + ", newer than this build's " + SchemaScripts.LATEST);
        }
        for (int v = current + 1; v <= SchemaScripts.LATEST; v++) {
            apply(c, dialect, v);
        }
    }

    private static void ensureVersionTable(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(null, null, "AIGW_SCHEMA_VERSION", null);
             ResultSet lower = meta.getTables(null, null, "aigw_schema_version", null)) {
            if (rs.next() || lower.next()) {
                return;
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE AIGW_SCHEMA_VERSION (VERSION INTEGER NOT NULL PRIMARY KEY, "
                    + "APPLIED_AT TIMESTAMP NOT NULL)");
        }
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(VERSION) FROM AIGW_SCHEMA_VERSION")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void apply(Connection c, String dialect, int version) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String sql : SchemaScripts.statements(dialect, version)) {
                s.execute(sql);
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO AIGW_SCHEMA_VERSION (VERSION, APPLIED_AT) VALUES (?, CURRENT_TIMESTAMP)")) {
                p.setInt(1, version);
                p.executeUpdate();
            }
            c.commit();
            LOG.info("Applied aigw schema version " + version + " (" + dialect + ")");
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
