package io.aigw.web.admin;

import io.aigw.codec.json.Jsonp;
import io.aigw.policy.CallContext;
import io.aigw.policy.GatewayException;
import io.aigw.policy.GatewayService;
import io.aigw.policy.Problem;
import io.aigw.policy.budget.BudgetLedger;
import io.aigw.policy.budget.BudgetSpec;
import io.aigw.policy.budget.BudgetStatus;
import io.aigw.policy.chain.Operation;
import io.aigw.policy.config.GatewayClock;
import io.aigw.policy.quota.LimitCounters;
import io.aigw.policy.quota.LimitSpec;
import io.aigw.policy.quota.LimitStatus;
import io.aigw.policy.quota.Scope;
import io.aigw.policy.quota.ScopedPolicy;
import io.aigw.policy.quota.ScopedPolicyStore;
import io.aigw.web.http.CallContexts;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.Comparator;

/**
 * The {@code limits} and {@code budget} sub-resources that tenants and keys share: {@code PUT} replaces the
 * document (checked strictly), {@code GET} shows it with its current use, {@code DELETE} removes it.
 */
@ApplicationScoped
public class ScopedPolicyEndpoints {

    @EJB
    GatewayService gateway;

    @EJB
    ScopedPolicyStore store;

    @Inject
    LimitCounters counters;

    @Inject
    BudgetLedger ledger;

    @Inject
    GatewayClock clock;

    /** The sub-resource of a tenant's or key's {@code limits} or {@code budget}. */
    ScopedPolicyResource of(String kind, Scope scope) {
        return new ScopedPolicyResource(this, kind, scope);
    }

    Response put(String kind, Scope scope, InputStream body, HttpServletRequest request) {
        return ScopedPolicy.LIMITS.equals(kind) ? putLimits(scope, body, request) : putBudget(scope, body, request);
    }

    Response get(String kind, Scope scope, HttpServletRequest request) {
        return ScopedPolicy.LIMITS.equals(kind) ? getLimits(scope, request) : getBudget(scope, request);
    }

    private Response putLimits(Scope scope, InputStream body, HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        JsonObject saved = gateway.manage(call, Operation.ADMIN, ex -> store.put(ex, ScopedPolicy.LIMITS, scope,
                LimitSpec.parse(AdminJson.body(body, request)).toJson()));
        return AdminJson.ok(LimitStatus.of(scope, LimitSpec.parse(saved), counters), call);
    }

    private Response getLimits(Scope scope, HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        JsonObject status = gateway.manage(call, Operation.ADMIN, ex -> LimitStatus.of(scope,
                LimitSpec.parse(store.find(ScopedPolicy.LIMITS, scope).orElseThrow(() -> none(scope, "limits"))),
                counters));
        return AdminJson.ok(status, call);
    }

    private Response putBudget(Scope scope, InputStream body, HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        JsonObject saved = gateway.manage(call, Operation.ADMIN, ex -> store.put(ex, ScopedPolicy.BUDGET, scope,
                BudgetSpec.parse(AdminJson.body(body, request)).toJson()));
        return AdminJson.ok(budgetStatus(scope, saved), call);
    }

    private Response getBudget(Scope scope, HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        JsonObject status = gateway.manage(call, Operation.ADMIN, ex -> budgetStatus(scope,
                store.find(ScopedPolicy.BUDGET, scope).orElseThrow(() -> none(scope, "budget"))));
        return AdminJson.ok(status, call);
    }

    /**
     * Every tenant's and key's document of one kind with its current use (as each one's GET shows it), tenants first;
     * or only the one of {@code scope} ({@code tenant:<id>}, {@code key:<id>}), an empty list when it has none.
     */
    Response list(String kind, String scope, HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        JsonObject all = gateway.manage(call, Operation.ADMIN, ex -> {
            JsonArrayBuilder data = Jsonp.createArrayBuilder();
            if (scope != null) {
                Scope only = scopeOf(scope);
                store.find(kind, only).ifPresent(spec -> data.add(standing(kind, only, spec)));
            } else {
                store.all(kind).stream()
                        .sorted(Comparator.comparing((ScopedPolicy p) -> !Scope.TENANT.equals(p.scope().type()))
                                .thenComparing(p -> p.scope().id()))
                        .forEach(p -> data.add(standing(kind, p.scope(), ScopedPolicyStore.parse(p.getSpec()))));
            }
            return Jsonp.createObjectBuilder().add("object", "list").add("data", data).build();
        });
        return AdminJson.ok(all, call);
    }

    /** A stored document with its current use, as its GET shows it. */
    private JsonObject standing(String kind, Scope scope, JsonObject spec) {
        return ScopedPolicy.LIMITS.equals(kind) ? LimitStatus.of(scope, LimitSpec.parse(spec), counters)
                : budgetStatus(scope, spec);
    }

    private static Scope scopeOf(String text) {
        int colon = text.indexOf(':');
        String type = colon < 0 ? "" : text.substring(0, colon);
        String id = text.substring(colon + 1);
        if (!(Scope.TENANT.equals(type) || Scope.KEY.equals(type)) || id.isBlank()) {
            throw new GatewayException(Problem.INVALID_REQUEST, "'scope' must be tenant:<id> or key:<id>, not '"
                    + text + "'.", "scope", null, null);
        }
        return new Scope(type, id);
    }

    Response delete(String kind, Scope scope, HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        JsonObject removed = gateway.manage(call, Operation.ADMIN, ex -> store.delete(ex, kind, scope));
        return AdminJson.ok(removed, call);
    }

    private JsonObject budgetStatus(Scope scope, JsonObject spec) {
        try {
            return BudgetStatus.of(scope, BudgetSpec.parse(spec), ledger, clock.now());
        } catch (SQLException e) {
            throw new GatewayException(Problem.QUOTA_STORE_UNAVAILABLE, "The budget store is unavailable; retry "
                    + "later.", null, java.time.Duration.ofSeconds(2), e);
        }
    }

    private static GatewayException none(Scope scope, String kind) {
        return new GatewayException(Problem.NOT_FOUND, "The " + scope.type() + " '" + scope.id() + "' has no "
                + kind + ".");
    }
}
