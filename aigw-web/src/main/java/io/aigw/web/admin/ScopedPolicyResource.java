package io.aigw.web.admin;

import io.aigw.policy.quota.Scope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * The {@code limits} or {@code budget} of one tenant or key ({@code .../{id}/limits}, {@code .../{id}/budget}), as
 * the tenants' and keys' resources hand it out: {@code PUT} replaces it, {@code GET} shows it with its current use,
 * {@code DELETE} removes it.
 */
public final class ScopedPolicyResource {

    private final ScopedPolicyEndpoints endpoints;
    private final String kind;
    private final Scope scope;

    ScopedPolicyResource(ScopedPolicyEndpoints endpoints, String kind, Scope scope) {
        this.endpoints = endpoints;
        this.kind = kind;
        this.scope = scope;
    }

    @PUT
    public Response put(InputStream body, @Context HttpServletRequest request) {
        return endpoints.put(kind, scope, body, request);
    }

    @GET
    public Response get(@Context HttpServletRequest request) {
        return endpoints.get(kind, scope, request);
    }

    @DELETE
    public Response delete(@Context HttpServletRequest request) {
        return endpoints.delete(kind, scope, request);
    }
}
