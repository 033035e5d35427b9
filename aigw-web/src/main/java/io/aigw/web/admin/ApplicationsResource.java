package io.aigw.web.admin;

import io.aigw.codec.json.Jsonp;
import io.aigw.policy.CallContext;
import io.aigw.policy.GatewayService;
import io.aigw.policy.auth.ApiKey;
import io.aigw.policy.auth.GatewayRole;
import io.aigw.policy.auth.KeyAdministration;
import io.aigw.policy.chain.Operation;
import io.aigw.policy.guardrail.GuardrailAttachments;
import io.aigw.policy.guardrail.GuardrailNames;
import io.aigw.policy.guardrail.GuardrailSets;
import io.aigw.policy.inprocess.ApplicationGrant;
import io.aigw.policy.inprocess.ApplicationGrantStore;
import io.aigw.policy.quota.Scope;
import io.aigw.policy.quota.SpecFields;
import io.aigw.web.http.CallContexts;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * {@code /admin/applications}: what other applications on the server get when they call the gateway in process (CDI
 * clients, connection handles). {@code PUT /{name}} grants the application (its deployed name; {@code *} is the
 * default grant) the tenant, models, limits, budgets and guardrails of a key: an existing one ({@code key_id}), or
 * a key made for it from {@code tenant}, {@code allowed_models} and {@code guardrails} (its secret is never shown:
 * it serves the application only). {@code GET} lists grants, {@code GET|DELETE /{name}} reads or removes one.
 */
@Path("/admin/applications")
@ApplicationScoped
public class ApplicationsResource {

    private static final Set<String> PUT_FIELDS = Set.of("key_id", "tenant", "allowed_models", "guardrails");

    @EJB
    GatewayService gateway;

    @EJB
    ApplicationGrantStore store;

    @EJB
    KeyAdministration keys;

    @Inject
    GuardrailSets guardrailSets;

    @EJB
    GuardrailAttachments guardrails;

    @PUT
    @Path("{name}")
    public Response put(@PathParam("name") String name, InputStream body, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        boolean[] created = new boolean[1];
        JsonObject out = gateway.manage(call, Operation.ADMIN, ex -> {
            ApplicationGrantStore.requireName(name);
            JsonObject json = AdminJson.body(body, request);
            SpecFields.only(json, "", PUT_FIELDS);
            String keyId;
            if (json.containsKey("key_id")) {
                if (json.size() > 1) {
                    throw SpecFields.invalid("key_id", "Give either key_id or the fields of a new key (tenant, "
                            + "allowed_models, guardrails), not both.");
                }
                keyId = AdminJson.required(json, "key_id");
            } else {
                List<String> sets = GuardrailNames.parse(json.get("guardrails"), "guardrails");
                guardrailSets.requireExisting(sets, "guardrails");
                ApiKey made = keys.create(ex, "application " + name, AdminJson.optional(json, "tenant", "default"),
                        Set.of(GatewayRole.USER), AdminJson.strings(json, "allowed_models"), null).key();
                if (!sets.isEmpty()) {
                    guardrails.attach(ex, Scope.key(made.getId()), sets);
                }
                keyId = made.getId();
            }
            created[0] = store.put(ex, name, keyId);
            return describe(store.find(name).orElseThrow(), keys.find(keyId).orElse(null)).build();
        });
        return created[0] ? AdminJson.created(out, call) : AdminJson.ok(out, call);
    }

    @GET
    public Response list(@Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        JsonObject out = gateway.manage(call, Operation.ADMIN, ex -> {
            JsonArrayBuilder data = Jsonp.createArrayBuilder();
            for (ApplicationGrant g : store.all()) {
                data.add(describe(g, keys.find(g.getKeyId()).orElse(null)));
            }
            return Jsonp.createObjectBuilder().add("data", data).build();
        });
        return AdminJson.ok(out, call);
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        JsonObject out = gateway.manage(call, Operation.ADMIN, ex -> {
            ApplicationGrant g = store.find(name).orElseThrow(() -> ApplicationGrantStore.notFound(name));
            return describe(g, keys.find(g.getKeyId()).orElse(null)).build();
        });
        return AdminJson.ok(out, call);
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        JsonObject out = gateway.manage(call, Operation.ADMIN, ex -> {
            ApplicationGrant g = store.delete(ex, name);
            return describe(g, keys.find(g.getKeyId()).orElse(null)).build();
        });
        return AdminJson.ok(out, call);
    }

    private static JsonObjectBuilder describe(ApplicationGrant g, ApiKey key) {
        JsonObjectBuilder b = Jsonp.createObjectBuilder().add("application", g.getApplication())
                .add("key_id", g.getKeyId())
                .add("changed_at", g.getChangedAt().toString() + "Z").add("changed_by", g.getChangedBy());
        if (key != null) {
            JsonArrayBuilder models = Jsonp.createArrayBuilder();
            key.allowedModelList().forEach(models::add);
            b.add("tenant", key.getTenant()).add("allowed_models", models)
                    .add("key_active", key.getRevokedAt() == null);
        } else {
            b.add("key_active", false);
        }
        return b;
    }
}
