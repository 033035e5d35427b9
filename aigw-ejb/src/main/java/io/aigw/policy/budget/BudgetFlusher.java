package io.aigw.policy.budget;

import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

/**
 * Every second, writes this node's budget spend and gives back the idle part of its claims, so that other servers
 * sharing the database can claim it; once more when the application stops.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionManagement(TransactionManagementType.BEAN)
public class BudgetFlusher {

    @Inject
    BudgetLedger ledger;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    void flush() {
        ledger.flush();
    }

    @PreDestroy
    void stop() {
        ledger.flush();
    }
}
