package io.aigw.policy.testing;

import io.aigw.policy.schema.SchemaMigrator;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;

/** A new database with the product's schema, on Derby (in memory) or on the tests' PostgreSQL server. */
public final class TestDatabases {

    private static final AtomicInteger DERBY = new AtomicInteger();

    static {
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }

    private TestDatabases() {
    }

    /** A migrated database: {@code derby} or {@code postgresql}. */
    public static DataSource migrated(String kind) throws SQLException {
        DataSource db;
        if (kind.equals("postgresql")) {
            db = TestPostgres.newDatabase();
        } else {
            EmbeddedDataSource derby = new EmbeddedDataSource();
            derby.setDatabaseName("memory:test" + DERBY.incrementAndGet());
            derby.setCreateDatabase("create");
            db = derby;
        }
        try (Connection c = db.getConnection()) {
            SchemaMigrator.bringUpToDate(c);
        }
        return db;
    }
}
