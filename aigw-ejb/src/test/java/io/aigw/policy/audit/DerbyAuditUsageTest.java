package io.aigw.policy.audit;

import java.sql.SQLException;

/** {@link AuditUsageTest} on an in-memory Derby. */
class DerbyAuditUsageTest extends AuditUsageTest {

    @Override
    AuditDatabase database(String node) throws SQLException {
        return new DerbyAudit(node);
    }
}
