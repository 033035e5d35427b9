package io.aigw.policy.budget;

import io.aigw.jca.api.Usage;
import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.chain.Exchange;
import io.aigw.policy.chain.Operation;
import io.aigw.policy.chain.PolicyChain;
import io.aigw.policy.chain.PolicyStep;
import io.aigw.policy.config.GatewayClock;
import io.aigw.policy.config.GatewaySettings;
import io.aigw.policy.quota.Scope;
import io.aigw.policy.quota.ScopedPolicies;
import io.aigw.policy.quota.ScopedPolicy;
import io.aigw.policy.quota.TokenEstimate;
import io.aigw.policy.routing.ModelResolver;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Budgets and cost. Before the call: each budget of the key and its tenant reserves the request's worst case (its
 * input estimate and output reservation at the dearest figures of the model's price in force), or the request is
 * refused with 429 {@code insufficient_quota}; a model without a price in a money budget's currency is refused
 * ({@code model_unpriced}) unless {@code aigw.budgets.unpriced=allow}. After it: the real usage is priced with the
 * same price version and settled. The cost, currency, price version and the budgets charged go into the audit
 * record's details; unpriced use says so, never a silent zero.
 */
@ApplicationScoped
@Priority(BudgetStep.PRIORITY)
public class BudgetStep implements PolicyStep {

    public static final int PRIORITY = 600;
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    ScopedPolicies policies;

    @Inject
    BudgetLedger ledger;

    @Inject
    PriceTable prices;

    @Inject
    ModelResolver resolver;

    @Inject
    io.aigw.policy.route.RouteTable routes;

    @Inject
    GatewaySettings settings;

    @Inject
    GatewayClock clock;

    @Inject
    io.aigw.policy.alert.BudgetAlerts budgetAlerts;

    @Override
    public boolean appliesTo(Exchange exchange) {
        return exchange.caller() != null
                && (exchange.operation() == Operation.CHAT || exchange.operation() == Operation.EMBEDDINGS);
    }

    @Override
    public void apply(Exchange exchange, PolicyChain chain) {
        Instant at = clock.now();
        Map<Scope, BudgetSpec> specs = policies.of(ScopedPolicy.BUDGET, BudgetSpec::parse);
        List<Map.Entry<Scope, BudgetSpec>> budgets = new ArrayList<>(2);
        Scope key = Scope.key(exchange.caller().keyId());
        Scope tenant = Scope.tenant(exchange.caller().tenant());
        if (specs.containsKey(key)) {
            budgets.add(Map.entry(key, specs.get(key)));
        }
        if (specs.containsKey(tenant)) {
            budgets.add(Map.entry(tenant, specs.get(tenant)));
        }
        if (budgets.isEmpty()) {
            try {
                chain.proceed(exchange);
            } finally {
                recordCost(exchange, at, null);
            }
            return;
        }
        TokenEstimate estimate = TokenEstimate.of(exchange.decode(), settings.defaultOutputTokens());
        Optional<io.aigw.policy.route.Route> route = routes.find(exchange.requestedModel());
        List<Charge> charges;
        RoutePrices targets = null;
        if (route.isPresent()) {
            java.util.Set<String> currencies = new java.util.HashSet<>();
            budgets.stream().filter(b -> b.getValue().amount() != null).forEach(b -> currencies.add(
                    b.getValue().currency()));
            RoutePrices routePrices = new RoutePrices(route.get(), currencies, prices, resolver, at,
                    settings.budgetsAllowUnpriced());
            targets = routePrices;
            exchange.addCandidateGate((model, qualified) -> routePrices.refuse(model, qualified, currencies));
            charges = reserve(budgets, "of the route '" + route.get().name() + "'",
                    currency -> routePrices.dearest(currency, estimate), estimate, at);
        } else {
            String model = pricedModel(exchange, budgets, at);
            charges = reserve(budgets, "'" + model + "'", currency -> prices.find(model, currency, at), estimate,
                    at);
        }
        try {
            chain.proceed(exchange);
        } finally {
            settle(exchange, charges, targets, at);
        }
    }

    /** One budget's reservation and the price it was made at ({@code null} for a tokens-only or unpriced budget). */
    private record Charge(BudgetLedger.Reservation reservation, PriceVersion price) {
    }

    /**
     * @param model what the request is priced as, for messages
     * @param price the price a budget's reservation is made at, by currency
     */
    private List<Charge> reserve(List<Map.Entry<Scope, BudgetSpec>> budgets, String model,
                                 java.util.function.Function<String, Optional<PriceVersion>> price,
                                 TokenEstimate estimate, Instant at) {
        List<Charge> charges = new ArrayList<>(budgets.size());
        try {
            for (Map.Entry<Scope, BudgetSpec> b : budgets) {
                BudgetSpec spec = b.getValue();
                PriceVersion reservedAt = null;
                long nanos = 0;
                if (spec.amount() != null) {
                    reservedAt = price.apply(spec.currency()).orElse(null);
                    if (reservedAt == null && !settings.budgetsAllowUnpriced()) {
                        throw new GatewayException(Problem.MODEL_UNPRICED, "The model " + model + " has no price in "
                                + spec.currency() + ", and the " + BudgetMessages.who(b.getKey()) + " has a budget in "
                                + spec.currency() + ": ask an administrator to set its price.", "model", null, null);
                    }
                    nanos = reservedAt == null ? 0 : BudgetLedger.toNanos(reservedAt.prices().worstCase(estimate));
                }
                BudgetLedger.Reservation r = ledger.reserve(b.getKey(), spec, at, nanos, estimate.total());
                if (r != null) {
                    charges.add(new Charge(r, reservedAt));
                }
            }
            return charges;
        } catch (RuntimeException e) {
            charges.forEach(c -> ledger.settle(c.reservation(), 0, 0));
            throw e;
        }
    }

    /** @param targets the route's prices when the request took a route (charged at the answering target's) */
    private void settle(Exchange exchange, List<Charge> charges, RoutePrices targets, Instant at) {
        Usage usage = exchange.usage();
        long tokens = usage == null ? 0 : (long) usage.inputTokens() + usage.outputTokens();
        JsonArrayBuilder charged = JSON.createArrayBuilder();
        PriceVersion recorded = null;
        for (Charge reserved : charges) {
            Charge c = reserved;
            if (targets != null && c.reservation().spec().amount() != null) {
                String served = exchange.resolvedModel();
                c = new Charge(c.reservation(), served == null ? null
                        : targets.of(served, c.reservation().spec().currency()).orElse(null));
            }
            long nanos = c.price() == null || usage == null ? 0 : BudgetLedger.toNanos(c.price().prices().cost(usage));
            java.util.List<BigDecimal> alerts = ledger.settle(c.reservation(), nanos, tokens);
            BudgetLedger.Reservation r = c.reservation();
            JsonObjectBuilder d = JSON.createObjectBuilder().add("scope", r.scope().toString())
                    .add("period", r.spec().period().wireName())
                    .add("period_start", Instant.ofEpochSecond(r.periodStart()).toString());
            if (r.spec().amount() != null) {
                d.add("currency", r.spec().currency())
                        .add("reserved", BudgetLedger.fromNanos(r.nanos()).toPlainString())
                        .add("charged", BudgetLedger.fromNanos(nanos).toPlainString());
                if (c.price() == null) {
                    d.add("unpriced", true);
                }
            }
            if (r.spec().tokens() != null) {
                d.add("tokens_reserved", r.tokens()).add("tokens_charged", tokens);
            }
            if (!alerts.isEmpty()) {
                JsonArrayBuilder reached = JSON.createArrayBuilder();
                alerts.forEach(reached::add);
                d.add("alerts_reached", reached);
                alert(exchange, r, alerts);
            }
            charged.add(d);
            if (recorded == null && c.price() != null) {
                recorded = c.price();
            }
        }
        exchange.detail("budgets", charged.build());
        recordCost(exchange, at, recorded);
    }

    /** Fires the budget alerts of thresholds the settled spend reached (queued for the webhooks' own threads). */
    private void alert(Exchange exchange, BudgetLedger.Reservation r, List<BigDecimal> reached) {
        BudgetLedger.Spend seen = ledger.seen(r);
        BudgetSpec spec = r.spec();
        budgetAlerts.reached(new io.aigw.policy.alert.BudgetAlerts.Crossing(r.scope(), exchange.caller().tenant(),
                spec.period().wireName(), Instant.ofEpochSecond(r.periodStart()), spec.amount(), spec.currency(),
                spec.tokens(), spec.amount() == null ? null : seen.amount(),
                spec.tokens() == null ? null : seen.tokens()), reached);
    }

    /** Puts the request's cost in its details: at {@code price}, else at the price in force in any currency. */
    private void recordCost(Exchange exchange, Instant at, PriceVersion price) {
        Usage usage = exchange.usage();
        if (usage == null) {
            return;
        }
        String model = exchange.resolvedModel() != null ? exchange.resolvedModel() : exchange.requestedModel();
        if (model == null) {
            return;
        }
        Optional<PriceVersion> p = price != null ? Optional.of(price) : prices.findAny(model, at);
        if (p.isEmpty() && exchange.requestedModel() != null) {
            p = prices.findAny(exchange.requestedModel(), at);
        }
        JsonObjectBuilder cost = JSON.createObjectBuilder();
        if (p.isEmpty()) {
            cost.add("unpriced", true).add("model", model);
            exchange.unpriced();
        } else {
            BigDecimal amount = p.get().prices().cost(usage);
            exchange.cost(p.get().currency(), BudgetLedger.toNanos(amount));
            cost.add("amount", amount.stripTrailingZeros().toPlainString()).add("currency", p.get().currency())
                    .add("price_version", p.get().version()).add("model", p.get().model());
        }
        exchange.detail("cost", cost.build());
    }

    /** The gateway model id the request will be priced as: where it resolves to, priced first, else as asked. */
    private String pricedModel(Exchange exchange, List<Map.Entry<Scope, BudgetSpec>> budgets, Instant at) {
        String requested = exchange.requestedModel();
        String resolved = resolver.resolve(requested).qualified();
        for (Map.Entry<Scope, BudgetSpec> b : budgets) {
            String currency = b.getValue().currency();
            if (currency != null && prices.find(resolved, currency, at).isEmpty()
                    && prices.find(requested, currency, at).isPresent()) {
                return requested;
            }
        }
        return resolved;
    }
}
