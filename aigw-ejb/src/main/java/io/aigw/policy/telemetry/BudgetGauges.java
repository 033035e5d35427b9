package io.aigw.policy.telemetry;

import io.aigw.policy.budget.BudgetLedger;
import io.aigw.policy.budget.BudgetSpec;
import io.aigw.policy.budget.BudgetStatus;
import io.aigw.policy.config.GatewayClock;
import io.aigw.policy.quota.Scope;
import io.aigw.policy.quota.ScopedPolicies;
import io.aigw.policy.quota.ScopedPolicy;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code aigw_budget_remaining}: what is left of each budget's current period across every server, read at scrape
 * time (one query per budget). Budgets belong to tenants and keys, so they are listed only for the scopes whose label
 * an administrator opted into ({@code aigw.metrics.labels}), and at most {@code aigw.metrics.max-series} of them.
 */
final class BudgetGauges {

    private static final Logger LOG = Logger.getLogger(BudgetGauges.class.getName());

    private final ScopedPolicies policies;
    private final BudgetLedger ledger;
    private final GatewayClock clock;
    private final boolean tenants;
    private final boolean keys;
    private final int max;

    BudgetGauges(ScopedPolicies policies, BudgetLedger ledger, GatewayClock clock, boolean tenants, boolean keys,
                 int max) {
        this.policies = policies;
        this.ledger = ledger;
        this.clock = clock;
        this.tenants = tenants;
        this.keys = keys;
        this.max = max;
    }

    GaugeFamily family() {
        return new GaugeFamily(MetricType.GAUGE, "aigw_budget_remaining",
                "What is left of each budget's current period across every server, in its currency or in tokens.",
                List.of("scope", "scope_id", "unit"), this::remaining);
    }

    private List<GaugeSample> remaining() {
        if (!tenants && !keys) {
            return List.of();
        }
        List<GaugeSample> out = new ArrayList<>();
        int read = 0;
        for (Map.Entry<Scope, BudgetSpec> e : policies.of(ScopedPolicy.BUDGET, BudgetSpec::parse).entrySet()) {
            Scope scope = e.getKey();
            boolean listed = Scope.TENANT.equals(scope.type()) ? tenants : Scope.KEY.equals(scope.type()) && keys;
            if (!listed || read++ >= max) {
                continue;
            }
            try {
                for (Map.Entry<String, BigDecimal> left : BudgetStatus.remaining(scope, e.getValue(), ledger,
                        clock.now()).entrySet()) {
                    out.add(new GaugeSample(List.of(scope.type(), scope.id(), left.getKey()),
                            left.getValue().doubleValue()));
                }
            } catch (SQLException ex) {
                LOG.log(Level.WARNING, "The budget of " + scope + " could not be read for /metrics", ex);
            }
        }
        return out;
    }
}
