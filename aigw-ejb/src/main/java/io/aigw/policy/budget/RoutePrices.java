package io.aigw.policy.budget;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.quota.TokenEstimate;
import io.aigw.policy.route.Route;
import io.aigw.policy.route.RouteTarget;
import io.aigw.policy.routing.ModelResolver;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The prices of a route's targets in the currencies of the caller's money budgets, at the request's instant: a route
 * request reserves at its dearest target, each target is refused when it has no price (unless unpriced models are
 * allowed), and the request is charged at the price of the target that answered.
 */
final class RoutePrices {

    private final Route route;
    private final boolean allowUnpriced;
    /** By target (gateway id), by currency. */
    private final Map<String, Map<String, PriceVersion>> byTarget = new HashMap<>();

    RoutePrices(Route route, Set<String> currencies, PriceTable prices, ModelResolver resolver, Instant at,
                boolean allowUnpriced) {
        this.route = route;
        this.allowUnpriced = allowUnpriced;
        for (RouteTarget t : route.spec().targets()) {
            String qualified;
            try {
                qualified = resolver.resolve(t.model()).qualified();
            } catch (GatewayException e) {
                continue; // routing skips it
            }
            Map<String, PriceVersion> found = new HashMap<>();
            for (String currency : currencies) {
                prices.find(qualified, currency, at).or(() -> prices.find(t.model(), currency, at))
                        .ifPresent(p -> found.put(currency, p));
            }
            byTarget.put(qualified, found);
        }
    }

    /** The target's price in {@code currency}, if it has one. */
    Optional<PriceVersion> of(String qualified, String currency) {
        return Optional.ofNullable(byTarget.getOrDefault(qualified, Map.of()).get(currency));
    }

    /** The price at which the request costs most in {@code currency} among the targets that have one. */
    Optional<PriceVersion> dearest(String currency, TokenEstimate estimate) {
        PriceVersion best = null;
        for (Map<String, PriceVersion> p : byTarget.values()) {
            PriceVersion v = p.get(currency);
            if (v != null && (best == null
                    || v.prices().worstCase(estimate).compareTo(best.prices().worstCase(estimate)) > 0)) {
                best = v;
            }
        }
        return Optional.ofNullable(best);
    }

    /** A routing gate: a target without a price in a budget's currency is not tried (unless that is allowed). */
    GatewayException refuse(String model, String qualified, Set<String> currencies) {
        if (allowUnpriced) {
            return null;
        }
        for (String currency : currencies) {
            if (of(qualified, currency).isEmpty()) {
                return new GatewayException(Problem.MODEL_UNPRICED, "The route '" + route.name() + "' could only "
                        + "send this request to '" + qualified + "', which has no price in " + currency + ", and the "
                        + "caller has a budget in " + currency + ": ask an administrator to set its price.", "model",
                        null, null);
            }
        }
        return null;
    }
}
