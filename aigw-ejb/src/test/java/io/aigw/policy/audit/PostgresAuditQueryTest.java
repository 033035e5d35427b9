package io.aigw.policy.audit;

import java.sql.SQLException;

/** {@link AuditQueryTest} on the tests' real PostgreSQL. */
class PostgresAuditQueryTest extends AuditQueryTest {

    @Override
    AuditDatabase database(String node) throws SQLException {
        return new PostgresAudit(node);
    }
}
