package io.aigw.policy.audit;

import java.sql.SQLException;

/** {@link AuditQueryTest} on an in-memory Derby. */
class DerbyAuditQueryTest extends AuditQueryTest {

    @Override
    AuditDatabase database(String node) throws SQLException {
        return new DerbyAudit(node);
    }
}
