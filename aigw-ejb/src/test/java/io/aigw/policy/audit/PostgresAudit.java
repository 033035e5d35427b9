package io.aigw.policy.audit;

import io.aigw.policy.schema.SchemaMigrator;
import io.aigw.policy.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The audit store and writer of one node over a new database on the tests' real PostgreSQL, migrated by the product's
 * scripts (what {@link DerbyAudit} is for Derby).
 */
final class PostgresAudit implements AuditDatabase {

    final DataSource database;
    final AuditStore store = new AuditStore();
    final AuditWriter writer = new AuditWriter();

    PostgresAudit(String node) throws SQLException {
        database = TestPostgres.newDatabase();
        try (Connection c = database.getConnection()) {
            SchemaMigrator.bringUpToDate(c);
        }
        store.configure(database, Duration.ofSeconds(5));
        writer.store = store;
        writer.node = new NodeIdentity() {
            @Override
            public String id() {
                return node;
            }
        };
        writer.configure(new AuditChain(DerbyAudit.SECRET), 1000, Duration.ofSeconds(5), Duration.ofMillis(1));
    }

    @Override
    public AuditStore store() {
        return store;
    }

    @Override
    public AuditWriter writer() {
        return writer;
    }

    @Override
    public javax.sql.DataSource dataSource() {
        return database;
    }

    void sql(String statement) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    AuditVerifier.Result verify(Map<String, Long> heads) throws SQLException {
        try (Connection c = database.getConnection()) {
            return new AuditVerifier(new AuditChain(DerbyAudit.SECRET), 5).verify(c, null, null, null, heads);
        }
    }

    @Override
    public void close() {
        writer.stop();
    }
}
