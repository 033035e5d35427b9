package io.aigw.policy;

import io.aigw.policy.budget.BudgetLedger;
import io.aigw.policy.quota.LimitCounters;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

/**
 * Every second, gives back this server's unused rate-limit leases and the idle part of its budget claims, and writes
 * its budget spend, so that the other servers sharing the database can use them; once more when the application
 * stops.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionManagement(TransactionManagementType.BEAN)
public class QuotaFlusher {

    @Inject
    LimitCounters limits;

    @Inject
    BudgetLedger budgets;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    void flush() {
        limits.flush();
        budgets.flush();
    }

    @PreDestroy
    void stop() {
        flush();
    }
}
