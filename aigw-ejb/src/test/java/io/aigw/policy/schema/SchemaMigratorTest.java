package io.aigw.policy.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aigw.policy.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Migrations on a real PostgreSQL and a real Derby: several servers starting together on one new database apply each
 * version exactly once, and a database newer than the build is refused.
 */
class SchemaMigratorTest {

    private static final int SERVERS = 6;
    private static final AtomicInteger DERBY_DATABASES = new AtomicInteger();

    static {
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void serversStartingTogetherOnOneNewPostgresDatabaseApplyEachVersionOnce() throws Exception {
        DataSource db = TestPostgres.newDatabase();
        startTogether(db);
        assertThat(versions(db)).containsExactlyElementsOf(allVersions());
        assertThat(tables(db, "aigw_api_key", "aigw_audit", "aigw_audit_node")).isEqualTo(3);
    }

    @Test
    void serversStartingTogetherOnOneNewDerbyDatabaseApplyEachVersionOnce() throws Exception {
        DataSource db = newDerby();
        startTogether(db);
        assertThat(versions(db)).containsExactlyElementsOf(allVersions());
        assertThat(tables(db, "AIGW_API_KEY", "AIGW_AUDIT", "AIGW_AUDIT_NODE")).isEqualTo(3);
    }

    @Test
    void aPostgresMigrationWaitsWhileAnotherServerHoldsTheMigrationLock() throws Exception {
        DataSource db = TestPostgres.newDatabase();
        Future<?> migration;
        try (Connection other = db.getConnection()) {
            lock(other, "pg_advisory_lock");
            migration = pool.submit(() -> {
                try (Connection c = db.getConnection()) {
                    SchemaMigrator.bringUpToDate(c);
                }
                return null;
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (waitingForTheMigrationLock(other) == 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // poll interval
            }
            assertThat(waitingForTheMigrationLock(other)).as("sessions waiting for the migration lock").isEqualTo(1);
            assertThat(migration).isNotDone();
            assertThat(SqlDialect.tableExists(other, "AIGW_SCHEMA_VERSION")).isFalse();
            lock(other, "pg_advisory_unlock");
        }
        migration.get(60, TimeUnit.SECONDS);
        assertThat(versions(db)).containsExactlyElementsOf(allVersions());
    }

    @Test
    void aDatabaseNewerThanThisBuildIsRefused() throws Exception {
        DataSource db = newDerby();
        try (Connection c = db.getConnection()) {
            SchemaMigrator.bringUpToDate(c);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO AIGW_SCHEMA_VERSION VALUES (" + (SchemaScripts.LATEST + 1)
                        + ", CURRENT_TIMESTAMP)");
            }
            assertThatThrownBy(() -> SchemaMigrator.bringUpToDate(c)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("newer than this build's " + SchemaScripts.LATEST);
        }
    }

    @Test
    void theDialectComesFromTheProductName() {
        assertThat(SqlDialect.of("Apache Derby")).isEqualTo(SqlDialect.DERBY);
        assertThat(SqlDialect.of("PostgreSQL")).isEqualTo(SqlDialect.POSTGRESQL);
        assertThatThrownBy(() -> SqlDialect.of("H2")).hasMessageContaining("supported: Apache Derby, PostgreSQL");
    }

    /** Runs {@value #SERVERS} migrations on their own connections, released at the same moment. */
    private void startTogether(DataSource db) throws Exception {
        CyclicBarrier start = new CyclicBarrier(SERVERS);
        List<Future<?>> servers = new ArrayList<>();
        for (int i = 0; i < SERVERS; i++) {
            servers.add(pool.submit(() -> {
                try (Connection c = db.getConnection()) {
                    start.await(30, TimeUnit.SECONDS);
                    SchemaMigrator.bringUpToDate(c);
                }
                return null;
            }));
        }
        for (Future<?> f : servers) {
            f.get(120, TimeUnit.SECONDS);
        }
    }

    private static List<Integer> allVersions() {
        return IntStream.rangeClosed(1, SchemaScripts.LATEST).boxed().toList();
    }

    private static List<Integer> versions(DataSource db) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT VERSION FROM AIGW_SCHEMA_VERSION ORDER BY VERSION")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    private static int tables(DataSource db, String... names) throws SQLException {
        int found = 0;
        try (Connection c = db.getConnection()) {
            for (String name : names) {
                found += SqlDialect.tableExists(c, name) ? 1 : 0;
            }
        }
        return found;
    }

    private static void lock(Connection c, String function) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?)")) {
            ps.setLong(1, SqlDialect.MIGRATION_LOCK_KEY);
            ps.execute();
        }
    }

    /** Sessions waiting for the migration's advisory lock (its key split into the two halves pg_locks shows). */
    private static int waitingForTheMigrationLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' "
                + "AND NOT granted AND classid::bigint = ? AND objid::bigint = ? AND database = (SELECT oid FROM pg_database "
                + "WHERE datname = current_database())")) {
            ps.setLong(1, SqlDialect.MIGRATION_LOCK_KEY >>> 32);
            ps.setLong(2, SqlDialect.MIGRATION_LOCK_KEY & 0xFFFFFFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static DataSource newDerby() {
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName("memory:schema" + DERBY_DATABASES.incrementAndGet());
        derby.setCreateDatabase("create");
        return derby;
    }
}
