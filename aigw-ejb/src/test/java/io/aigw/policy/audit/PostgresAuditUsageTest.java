package io.aigw.policy.audit;

import java.sql.SQLException;

/** {@link AuditUsageTest} on the tests' real PostgreSQL. */
class PostgresAuditUsageTest extends AuditUsageTest {

    @Override
    AuditDatabase database(String node) throws SQLException {
        return new PostgresAudit(node);
    }
}
