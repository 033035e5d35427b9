package io.aigw.web.admin;

import io.aigw.codec.json.JsonText;
import io.aigw.policy.CallContext;
import io.aigw.policy.GatewayException;
import io.aigw.policy.GatewayService;
import io.aigw.policy.Problem;
import io.aigw.policy.auth.ApiKey;
import io.aigw.policy.auth.GatewayRole;
import io.aigw.policy.auth.IssuedKey;
import io.aigw.policy.auth.KeyAdministration;
import io.aigw.policy.chain.Operation;
import io.aigw.policy.quota.Scope;
import io.aigw.policy.quota.ScopedPolicy;
import io.aigw.web.http.CallContexts;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.aigw.codec.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /admin/keys}: issue (the secret is in the response once, never again), list, read and revoke gateway keys.
 */
@Path("/admin/keys")
@ApplicationScoped
public class KeysResource {

    @EJB
    GatewayService gateway;

    @EJB
    KeyAdministration keys;

    @Inject
    ScopedPolicyEndpoints policies;

    @POST
    public Response create(InputStream body, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        IssuedKey issued = gateway.manage(call, Operation.ADMIN, ex -> {
            JsonObject json = AdminJson.body(body, request);
            String name = AdminJson.required(json, "name");
            String tenant = AdminJson.optional(json, "tenant", "default");
            return keys.create(ex, name, tenant, roles(json), AdminJson.strings(json, "allowed_models"));
        });
        JsonObject out = Jsonp.createObjectBuilder(describe(issued.key()).build()).add("key", issued.secret()).build();
        return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE).entity(JsonText.write(out))
                .header("x-request-id", call.requestId()).header("Cache-Control", "no-store").build();
    }

    @GET
    public Response list(@Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        List<ApiKey> all = gateway.manage(call, Operation.ADMIN, ex -> keys.list());
        JsonArrayBuilder data = Jsonp.createArrayBuilder();
        all.forEach(k -> data.add(describe(k)));
        return json(Jsonp.createObjectBuilder().add("data", data).build(), call);
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        ApiKey key = gateway.manage(call, Operation.ADMIN, ex -> keys.find(id).orElseThrow(() -> notFound(id)));
        return json(describe(key).build(), call);
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        ApiKey key = gateway.manage(call, Operation.ADMIN, ex -> keys.revoke(ex, id).orElseThrow(() -> notFound(id)));
        return json(describe(key).build(), call);
    }

    @PUT
    @Path("{id}/limits")
    public Response putLimits(@PathParam("id") String id, InputStream body, @Context HttpServletRequest request) {
        return policies.putLimits(Scope.key(id), body, request);
    }

    @GET
    @Path("{id}/limits")
    public Response getLimits(@PathParam("id") String id, @Context HttpServletRequest request) {
        return policies.getLimits(Scope.key(id), request);
    }

    @DELETE
    @Path("{id}/limits")
    public Response deleteLimits(@PathParam("id") String id, @Context HttpServletRequest request) {
        return policies.delete(ScopedPolicy.LIMITS, Scope.key(id), request);
    }

    @PUT
    @Path("{id}/budget")
    public Response putBudget(@PathParam("id") String id, InputStream body, @Context HttpServletRequest request) {
        return policies.putBudget(Scope.key(id), body, request);
    }

    @GET
    @Path("{id}/budget")
    public Response getBudget(@PathParam("id") String id, @Context HttpServletRequest request) {
        return policies.getBudget(Scope.key(id), request);
    }

    @DELETE
    @Path("{id}/budget")
    public Response deleteBudget(@PathParam("id") String id, @Context HttpServletRequest request) {
        return policies.delete(ScopedPolicy.BUDGET, Scope.key(id), request);
    }

    private static JsonObjectBuilder describe(ApiKey k) {
        JsonArrayBuilder roles = Jsonp.createArrayBuilder();
        k.roleSet().stream().map(GatewayRole::wireName).sorted().forEach(roles::add);
        JsonArrayBuilder models = Jsonp.createArrayBuilder();
        k.allowedModelList().forEach(models::add);
        JsonObjectBuilder b = Jsonp.createObjectBuilder()
                .add("id", k.getId()).add("name", k.getName()).add("tenant", k.getTenant())
                .add("key_prefix", k.getKeyPrefix()).add("roles", roles).add("allowed_models", models)
                .add("created_at", k.getCreatedAt().toString() + "Z");
        if (k.getRevokedAt() == null) {
            b.addNull("revoked_at");
        } else {
            b.add("revoked_at", k.getRevokedAt().toString() + "Z");
        }
        return b;
    }

    private static Response json(JsonObject json, CallContext call) {
        return AdminJson.ok(json, call);
    }

    private static GatewayException notFound(String id) {
        return new GatewayException(Problem.NOT_FOUND, "There is no API key '" + id + "'.");
    }

    private static Set<GatewayRole> roles(JsonObject json) {
        Set<GatewayRole> roles = EnumSet.of(GatewayRole.USER);
        for (String r : AdminJson.strings(json, "roles")) {
            try {
                roles.add(GatewayRole.of(r));
            } catch (IllegalArgumentException e) {
                throw new GatewayException(Problem.INVALID_REQUEST, "Unknown role '" + r
                        + "'. Roles are 'user', 'compliance', 'auditor' and 'admin'.", "roles", null, null);
            }
        }
        return roles;
    }
}
