package io.aigw.policy.audit;

import io.aigw.policy.schema.SchemaMigrator;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * A real audit store for tests: an in-memory Derby database with the product's schema scripts, a store and a writer
 * over it, and a switch that makes the database unreachable (an outage) or throw an {@link Error}.
 */
final class DerbyAudit implements AuditDatabase {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    static {
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }
    static final byte[] SECRET = "test-chain-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    final EmbeddedDataSource derby = new EmbeddedDataSource();
    final Switchable source = new Switchable();
    final AuditStore store = new AuditStore();
    final AuditWriter writer = new AuditWriter();
    final String node;

    DerbyAudit(String node, int queueCapacity, Duration wait) throws SQLException {
        this.node = node;
        derby.setDatabaseName("memory:audit" + DATABASES.incrementAndGet());
        derby.setCreateDatabase("create");
        try (Connection c = derby.getConnection()) {
            SchemaMigrator.bringUpToDate(c);
        }
        store.configure(source, Duration.ofSeconds(2));
        writer.store = store;
        writer.node = new NodeIdentity() {
            @Override
            public String id() {
                return node;
            }
        };
        writer.configure(new AuditChain(SECRET), queueCapacity, wait, Duration.ofMillis(1));
    }

    DerbyAudit(String node) throws SQLException {
        this(node, 1000, Duration.ofSeconds(2));
    }

    /** An event as the gateway writes it, for request {@code requestId}. */
    static AuditRecord event(String type, String requestId, LocalDateTime at) {
        AuditRecord r = new AuditRecord(io.aigw.policy.RequestIds.next(), requestId, type);
        r.occurredAt(at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        r.caller("key_1", "acme");
        r.request("chat", "POST", "/v1/chat/completions", "127.0.0.1");
        r.routing("openai/gpt-4o-mini", "openai/gpt-4o-mini", "openai", false);
        r.outcome(AuditRecords.OUTCOME.equals(type) ? 200 : null, null, null);
        r.timing(3, null, null);
        return r;
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
        return derby;
    }

    void sql(String statement) throws SQLException {
        try (Connection c = derby.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    AuditVerifier.Result verify(java.util.Map<String, Long> heads) throws SQLException {
        try (Connection c = derby.getConnection()) {
            return new AuditVerifier(new AuditChain(SECRET), 2).verify(c, null, null, null, heads);
        }
    }

    @Override
    public void close() {
        writer.stop();
    }

    /** The test's data source: Derby, unless switched to failing. */
    final class Switchable extends io.aigw.policy.testing.ForwardingDataSource {
        volatile boolean down;
        volatile Error error;

        @Override
        public Connection getConnection() throws SQLException {
            if (error != null) {
                throw error;
            }
            if (down) {
                throw new SQLException("connection refused", "08001");
            }
            return derby.getConnection();
        }
    }
}
