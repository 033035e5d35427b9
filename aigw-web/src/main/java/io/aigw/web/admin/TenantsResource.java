package io.aigw.web.admin;

import io.aigw.policy.guardrail.GuardrailAttachments;
import io.aigw.policy.guardrail.GuardrailNames;
import io.aigw.policy.guardrail.GuardrailSets;
import io.aigw.codec.json.Jsonp;
import io.aigw.policy.CallContext;
import io.aigw.policy.GatewayService;
import io.aigw.policy.chain.Operation;
import io.aigw.policy.quota.Scope;
import io.aigw.policy.quota.ScopedPolicy;
import io.aigw.policy.tenant.Tenant;
import io.aigw.policy.tenant.TenantAdministration;
import io.aigw.web.http.CallContexts;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/** {@code /admin/tenants}: create, list, read, rename and delete tenants, and their limits and budget. */
@Path("/admin/tenants")
@ApplicationScoped
public class TenantsResource {

    private static final Set<String> FIELDS = Set.of("id", "name", "guardrails");

    @EJB
    GatewayService gateway;

    @EJB
    TenantAdministration tenants;

    @Inject
    ScopedPolicyEndpoints policies;

    @EJB
    GuardrailAttachments guardrails;

    @Inject
    GuardrailSets guardrailSets;

    @POST
    public Response create(InputStream body, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        Tenant t = gateway.manage(call, Operation.ADMIN, ex -> {
            JsonObject json = AdminJson.body(body, request);
            io.aigw.policy.quota.SpecFields.only(json, "", FIELDS);
            List<String> sets = GuardrailNames.parse(json.get("guardrails"), "guardrails");
            guardrailSets.requireExisting(sets, "guardrails");
            Tenant made = tenants.create(ex, AdminJson.required(json, "id"), AdminJson.optional(json, "name", null));
            if (!sets.isEmpty()) {
                guardrails.attach(ex, Scope.tenant(made.getId()), sets);
            }
            return made;
        });
        return AdminJson.created(describe(t), call);
    }

    @GET
    public Response list(@Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        java.util.Map<Scope, List<String>> attached = new java.util.HashMap<>();
        List<Tenant> all = gateway.manage(call, Operation.ADMIN, ex -> {
            attached.putAll(guardrails.all());
            return tenants.list();
        });
        JsonArrayBuilder data = Jsonp.createArrayBuilder();
        all.forEach(t -> data.add(describe(t, attached.getOrDefault(Scope.tenant(t.getId()), List.of()))));
        return AdminJson.ok(Jsonp.createObjectBuilder().add("data", data).build(), call);
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        Tenant t = gateway.manage(call, Operation.ADMIN, ex -> tenants.find(id)
                .orElseThrow(() -> TenantAdministration.notFound(id)));
        return AdminJson.ok(describe(t), call);
    }

    @PATCH
    @Path("{id}")
    public Response update(@PathParam("id") String id, InputStream body, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        Tenant t = gateway.manage(call, Operation.ADMIN, ex -> {
            JsonObject json = AdminJson.body(body, request);
            io.aigw.policy.quota.SpecFields.only(json, "", Set.of("name", "guardrails"));
            List<String> sets = json.containsKey("guardrails")
                    ? GuardrailNames.parse(json.get("guardrails"), "guardrails") : null;
            if (sets != null) {
                guardrailSets.requireExisting(sets, "guardrails");
            }
            Tenant changed = json.containsKey("name") || sets == null
                    ? tenants.rename(ex, id, AdminJson.required(json, "name"))
                    : tenants.find(id).orElseThrow(() -> TenantAdministration.notFound(id));
            if (sets != null) {
                guardrails.attach(ex, Scope.tenant(id), sets);
            }
            return changed;
        });
        return AdminJson.ok(describe(t), call);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        List<String> had = new java.util.ArrayList<>();
        Tenant t = gateway.manage(call, Operation.ADMIN, ex -> {
            tenants.find(id).ifPresent(x -> had.addAll(guardrails.of(Scope.tenant(id))));
            return tenants.delete(ex, id);
        });
        return AdminJson.ok(describe(t, had), call);
    }

    @Path("{id}/limits")
    public ScopedPolicyResource limits(@PathParam("id") String id) {
        return policies.of(ScopedPolicy.LIMITS, Scope.tenant(id));
    }

    @Path("{id}/budget")
    public ScopedPolicyResource budget(@PathParam("id") String id) {
        return policies.of(ScopedPolicy.BUDGET, Scope.tenant(id));
    }

    private JsonObject describe(Tenant t) {
        return describe(t, guardrails.of(Scope.tenant(t.getId())));
    }

    static JsonObject describe(Tenant t, List<String> sets) {
        return Jsonp.createObjectBuilder().add("id", t.getId()).add("name", t.getName())
                .add("created_at", t.getCreatedAt().toString() + "Z").add("updated_at", t.getUpdatedAt() + "Z")
                .add("guardrails", GuardrailNames.toJson(sets)).build();
    }
}
