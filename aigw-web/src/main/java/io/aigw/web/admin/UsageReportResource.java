package io.aigw.web.admin;

import io.aigw.policy.chain.Operation;
import io.aigw.web.compliance.UsageResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code GET /admin/usage}: the usage report of {@code /compliance/usage} (requests, tokens by type, cost per
 * currency, requests served without a price) for administrators, over every tenant.
 */
@Path("/admin/usage")
@ApplicationScoped
public class UsageReportResource {

    @Inject
    UsageResource reports;

    @GET
    public Response report(@Context UriInfo uri, @Context HttpServletRequest request) {
        return reports.report(uri, request, Operation.ADMIN);
    }
}
