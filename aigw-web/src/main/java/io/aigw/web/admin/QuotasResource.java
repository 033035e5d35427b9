package io.aigw.web.admin;

import io.aigw.policy.quota.ScopedPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /admin/limits} and {@code GET /admin/budgets}: every tenant's and key's rate limits or budget in one
 * answer, each as its own {@code GET} shows it (the limits with this server's current window; the budget with
 * {@code spent}, {@code reserved} and {@code remaining} across all servers), tenants first. {@code scope} names whose
 * it is ({@code tenant:<id>}, {@code key:<id>}); {@code ?scope=} keeps that one only (an empty list when it has none,
 * so a page that shows one key's limits reads them without a 404 on record).
 */
@Path("/admin")
@ApplicationScoped
public class QuotasResource {

    @Inject
    ScopedPolicyEndpoints policies;

    @GET
    @Path("limits")
    public Response limits(@QueryParam("scope") String scope, @Context HttpServletRequest request) {
        return policies.list(ScopedPolicy.LIMITS, scope, request);
    }

    @GET
    @Path("budgets")
    public Response budgets(@QueryParam("scope") String scope, @Context HttpServletRequest request) {
        return policies.list(ScopedPolicy.BUDGET, scope, request);
    }
}
