package io.aigw.policy.alert;

import io.aigw.policy.quota.Scope;
import java.math.BigDecimal;
import java.util.List;

/**
 * Which budget thresholds a budget alert reports.
 *
 * @param scopes    {@code tenant}, {@code key}, {@code tenant:<id>} or {@code key:<id>}; empty: every budget
 * @param fractions the {@code alert_at} fractions reported; empty: every one a budget has
 */
public record BudgetMatch(List<String> scopes, List<BigDecimal> fractions) {

    public BudgetMatch {
        scopes = List.copyOf(scopes);
        fractions = List.copyOf(fractions);
    }

    /** Whether reaching {@code fraction} of {@code scope}'s budget is reported. */
    public boolean matches(Scope scope, BigDecimal fraction) {
        boolean scoped = scopes.isEmpty() || scopes.contains(scope.type()) || scopes.contains(scope.toString());
        return scoped && (fractions.isEmpty() || fractions.stream().anyMatch(f -> f.compareTo(fraction) == 0));
    }
}
