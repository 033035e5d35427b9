package io.aigw.web.admin;

import io.aigw.policy.chain.Operation;
import io.aigw.web.compliance.AnalyticsResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code GET /admin/analytics}: the usage analytics of {@code /compliance/analytics} (groups ranked by cost, requests,
 * errors or tokens, zero-filled time series, latency percentiles) for administrators, over every tenant.
 */
@Path("/admin/analytics")
@ApplicationScoped
public class AnalyticsReportResource {

    @Inject
    AnalyticsResource reports;

    @GET
    public Response report(@Context UriInfo uri, @Context HttpServletRequest request) {
        return reports.report(uri, request, Operation.ADMIN);
    }
}
