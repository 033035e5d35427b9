package io.aigw.policy.audit;

import java.sql.SQLException;
import javax.sql.DataSource;

/** A real database migrated by the product's scripts, with one node's audit store and writer over it. */
interface AuditDatabase extends AutoCloseable {

    AuditStore store();

    AuditWriter writer();

    DataSource dataSource();

    /** Audit events matching an SQL condition. */
    long count(String where) throws SQLException;

    @Override
    void close();
}
