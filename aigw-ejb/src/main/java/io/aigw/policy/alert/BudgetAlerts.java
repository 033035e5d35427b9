package io.aigw.policy.alert;

import io.aigw.policy.quota.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Budget alerts, fired as the budget step settles a request whose spend reached {@code alert_at} fractions. Each
 * budget alert that matches the scope and fraction queues a webhook, claimed for the budget's period and fraction:
 * servers sharing the database send it once however many reach the threshold. The claim and the delivery happen on
 * the dispatcher's threads; the request's thread at most reloads the alert list (one thread, once per
 * {@code aigw.quotas.refresh}).
 */
@ApplicationScoped
public class BudgetAlerts {

    private static final Logger LOG = Logger.getLogger(BudgetAlerts.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    AlertCatalog catalog;

    @Inject
    WebhookDispatcher dispatcher;

    /**
     * What a threshold crossing tells.
     *
     * @param scope       whose budget
     * @param tenant      the tenant of the request that crossed it
     * @param period      the budget's period ({@code day}, ...)
     * @param periodStart when the period started
     * @param amount      the budget's amount, or {@code null} for a tokens-only budget
     * @param currency    its currency, or {@code null}
     * @param tokens      its tokens, or {@code null}
     * @param spent       what this server knows was spent in the period (its own, and the others' as of its last
     *                    claim), in the currency, or {@code null}
     * @param tokensSpent the same in tokens, or {@code null}
     */
    public record Crossing(Scope scope, String tenant, String period, Instant periodStart, BigDecimal amount,
                           String currency, Long tokens, BigDecimal spent, Long tokensSpent) {
    }

    /** Fires the budget alerts that report {@code fractions} of the crossing's budget. */
    public void reached(Crossing c, List<BigDecimal> fractions) {
        try {
            for (Alert alert : catalog.of(AlertKind.BUDGET)) {
                for (BigDecimal f : fractions) {
                    if (alert.spec().budget().matches(c.scope(), f)) {
                        String subject = "budget|" + c.scope() + "|" + c.periodStart() + "|"
                                + f.stripTrailingZeros().toPlainString();
                        dispatcher.send(alert, AlertKind.BUDGET.eventType(), data(alert, c, f).build(),
                                Scope.TENANT.equals(c.scope().type()) ? c.scope().id() : c.tenant(),
                                new WebhookDispatcher.Claim(subject.length() > 400 ? subject.substring(0, 400) : subject,
                                        null));
                    }
                }
            }
        } catch (RuntimeException e) {
            // an alert never fails the request that crossed the threshold
            LOG.log(Level.WARNING, "Could not fire the budget alerts of " + c.scope(), e);
        }
    }

    private static JsonObjectBuilder data(Alert alert, Crossing c, BigDecimal fraction) {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("alert", alert.name())
                .add("scope", c.scope().toString()).add("scope_type", c.scope().type()).add("scope_id", c.scope().id())
                .add("period", c.period()).add("period_start", c.periodStart().toString())
                .add("fraction", fraction);
        if (c.amount() != null) {
            b.add("currency", c.currency()).add("amount", c.amount().toPlainString());
            if (c.spent() != null) {
                b.add("spent", c.spent().toPlainString());
            }
        }
        if (c.tokens() != null) {
            b.add("tokens", c.tokens());
            if (c.tokensSpent() != null) {
                b.add("tokens_spent", c.tokensSpent());
            }
        }
        return b;
    }
}
