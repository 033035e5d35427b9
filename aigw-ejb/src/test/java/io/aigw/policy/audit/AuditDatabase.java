package io.aigw.policy.audit;

import java.sql.SQLException;
import javax.sql.DataSource;

/** A real database migrated by the product's scripts, with one node's audit store and writer over it. */
interface AuditDatabase extends AutoCloseable {

    AuditStore store();

    AuditWriter writer();

    DataSource dataSource();

    /** Audit events matching an SQL condition. */
    default long count(String where) throws SQLException {
        try (java.sql.Connection c = dataSource().getConnection(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM AIGW_AUDIT WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    void close();
}
