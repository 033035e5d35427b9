package io.aigw.policy.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * What differs between the databases aigw runs on, in one place: the folder of their schema scripts, how start-ups of
 * several servers are kept from migrating one database at the same time, and how the database stores unquoted names.
 * Known from the connection's {@link DatabaseMetaData}; SQL that differs by database belongs here, not in the callers.
 */
public enum SqlDialect {

    /**
     * Apache Derby. Embedded, a database is open in one JVM only; on a Derby Network Server, concurrent start-ups are
     * kept apart by the version rows alone (see {@link SchemaMigrator}), Derby's DDL being transactional.
     */
    DERBY("derby") {
        @Override
        MigrationLock lockMigrations(Connection c) {
            return () -> {
            };
        }
    },

    /**
     * PostgreSQL. A session-level advisory lock ({@code pg_advisory_lock}) is held around the whole migration, so that
     * only one server creates the version table and applies scripts, whatever they contain.
     */
    POSTGRESQL("postgresql") {
        @Override
        MigrationLock lockMigrations(Connection c) throws SQLException {
            if (!call(c, "pg_try_advisory_lock")) {
                LOG.info("Another server is migrating the aigw database schema; waiting for it to finish");
                call(c, "pg_advisory_lock");
            }
            return () -> call(c, "pg_advisory_unlock");
        }

        /** Calls an advisory lock function on the migration's key; its boolean result, or true for none. */
        private boolean call(Connection c, String function) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?)")) {
                ps.setLong(1, MIGRATION_LOCK_KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Object result = rs.getObject(1);
                    return !(result instanceof Boolean b) || b;
                }
            }
        }
    };

    /**
     * The advisory lock key of schema migrations on PostgreSQL: {@code "aigwschm"} as a 64-bit number. Other
     * applications sharing the database must not use it.
     */
    public static final long MIGRATION_LOCK_KEY = 0x616967777363686DL;

    private static final Logger LOG = Logger.getLogger(SqlDialect.class.getName());

    private final String scriptFolder;

    SqlDialect(String scriptFolder) {
        this.scriptFolder = scriptFolder;
    }

    /** A lock that {@link #lockMigrations(Connection)} took; closing it releases it. */
    interface MigrationLock extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    /** The dialect of the database behind {@code c}. */
    public static SqlDialect of(Connection c) throws SQLException {
        return of(c.getMetaData().getDatabaseProductName());
    }

    /** The dialect of a JDBC product name ({@link DatabaseMetaData#getDatabaseProductName()}). */
    public static SqlDialect of(String productName) {
        String p = productName.toLowerCase(Locale.ROOT);
        if (p.contains("derby")) {
            return DERBY;
        }
        if (p.contains("postgres")) {
            return POSTGRESQL;
        }
        throw new IllegalStateException("aigw has no schema scripts for database '" + productName
                + "' (supported: Apache Derby, PostgreSQL)");
    }

    /** The folder of this database's scripts under {@code META-INF/aigw/sql/}. */
    String scriptFolder() {
        return scriptFolder;
    }

    /**
     * Waits until no other server migrates this database, and keeps others out until the returned lock is closed.
     * Taken on {@code c} in auto-commit mode; the lock belongs to the connection's session.
     */
    abstract MigrationLock lockMigrations(Connection c) throws SQLException;

    /**
     * Whether a table of this (unquoted) name exists in the connection's current schema. Unquoted names are stored
     * upper case by Derby and lower case by PostgreSQL; the current schema matters where several applications (or two
     * aigw installations) share one database.
     */
    static boolean tableExists(Connection c, String unquotedName) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String stored = meta.storesLowerCaseIdentifiers() ? unquotedName.toLowerCase(Locale.ROOT)
                : meta.storesUpperCaseIdentifiers() ? unquotedName.toUpperCase(Locale.ROOT) : unquotedName;
        try (ResultSet rs = meta.getTables(null, c.getSchema(), stored, new String[] {"TABLE"})) {
            return rs.next();
        }
    }
}
