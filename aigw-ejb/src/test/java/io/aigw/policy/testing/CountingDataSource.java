package io.aigw.policy.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** A data source that counts the connections taken from it (each one a database round trip or more). */
public final class CountingDataSource extends ForwardingDataSource {

    private final DataSource target;
    private final AtomicInteger connections = new AtomicInteger();

    public CountingDataSource(DataSource target) {
        this.target = target;
    }

    /** Connections taken so far. */
    public int connections() {
        return connections.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        connections.incrementAndGet();
        return target.getConnection();
    }
}
