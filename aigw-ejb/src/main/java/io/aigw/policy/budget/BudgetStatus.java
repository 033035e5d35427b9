package io.aigw.policy.budget;

import io.aigw.policy.quota.Scope;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.sql.SQLException;
import java.time.Instant;

/** A budget with its current period across every server: spent, reserved, remaining, when it resets. */
public final class BudgetStatus {

    private static final JsonProvider JSON = JsonProvider.provider();

    private BudgetStatus() {
    }

    /**
     * What is left of the budget's current period across every server, by unit: its currency (money, in that
     * currency) and {@code tokens}, for the budget's limits that exist.
     */
    public static java.util.Map<String, java.math.BigDecimal> remaining(Scope scope, BudgetSpec spec,
                                                                        BudgetLedger ledger, Instant at)
            throws SQLException {
        BudgetRows.Totals t = ledger.totals(scope, spec, at);
        java.util.Map<String, java.math.BigDecimal> out = new java.util.LinkedHashMap<>();
        if (spec.amount() != null) {
            long limit = BudgetLedger.toNanos(spec.amount());
            out.put(spec.currency(), BudgetLedger.fromNanos(Math.max(0, limit - t.spentNanos() - t.reservedNanos())));
        }
        if (spec.tokens() != null) {
            out.put("tokens", java.math.BigDecimal.valueOf(
                    Math.max(0, spec.tokens() - t.spentTokens() - t.reservedTokens())));
        }
        return out;
    }

    /** The document {@code GET .../budget} shows. */
    public static JsonObject of(Scope scope, BudgetSpec spec, BudgetLedger ledger, Instant at) throws SQLException {
        BudgetRows.Totals t = ledger.totals(scope, spec, at);
        JsonObjectBuilder b = JSON.createObjectBuilder(spec.toJson()).add("scope", scope.toString())
                .add("period_start", spec.period().start(at, spec.zone()).toString());
        Instant reset = spec.period().resetsAt(at, spec.zone());
        if (reset == null) {
            b.addNull("resets_at");
        } else {
            b.add("resets_at", reset.toString());
        }
        if (spec.amount() != null) {
            long limit = BudgetLedger.toNanos(spec.amount());
            b.add("spent", BudgetLedger.fromNanos(t.spentNanos()).toPlainString())
                    .add("reserved", BudgetLedger.fromNanos(t.reservedNanos()).toPlainString())
                    .add("remaining", BudgetLedger.fromNanos(Math.max(0, limit - t.spentNanos() - t.reservedNanos()))
                            .toPlainString());
        }
        if (spec.tokens() != null) {
            b.add("tokens_spent", t.spentTokens()).add("tokens_reserved", t.reservedTokens())
                    .add("tokens_remaining", Math.max(0, spec.tokens() - t.spentTokens() - t.reservedTokens()));
        }
        return b.build();
    }
}
