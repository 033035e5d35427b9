package io.aigw.policy.budget;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.quota.Scope;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** How refusals name a budget: whose, how much per which period, and when it resets. */
final class BudgetMessages {

    private BudgetMessages() {
    }

    static String who(Scope scope) {
        return (Scope.KEY.equals(scope.type()) ? "API key '" : "tenant '") + scope.id() + "'";
    }

    static GatewayException exhausted(Scope scope, BudgetSpec spec, Instant at, boolean tokens) {
        String figure = tokens ? spec.tokens() + " tokens" : spec.amount().toPlainString() + " " + spec.currency();
        Instant reset = spec.period().resetsAt(at, spec.zone());
        String per = spec.period() == BudgetPeriod.TOTAL ? " in total" : " per " + spec.period().wireName() + ", "
                + spec.zone().getId();
        String when = reset == null ? "; it does not reset" : "; it resets at "
                + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(reset.atZone(spec.zone()));
        return new GatewayException(Problem.BUDGET_EXHAUSTED, "You exceeded your current quota: the budget of "
                + who(scope) + " (" + figure + per + ") does not cover this request" + when + ".", null,
                reset == null ? null : Duration.between(at, reset), null);
    }
}
