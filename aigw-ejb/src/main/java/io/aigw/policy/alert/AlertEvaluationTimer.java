package io.aigw.policy.alert;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

/** Runs {@link AlertEvaluator} every {@code aigw.alerts.evaluate-every} (a non-persistent timer of each server). */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionManagement(TransactionManagementType.BEAN)
public class AlertEvaluationTimer {

    @Resource
    TimerService timers;

    @Inject
    AlertEvaluator evaluator;

    @Inject
    AlertSettings settings;

    @PostConstruct
    void start() {
        long every = settings.evaluateEvery().toMillis();
        timers.createIntervalTimer(every, every, new TimerConfig(null, false));
    }

    @Timeout
    void evaluate() {
        evaluator.evaluate();
    }
}
