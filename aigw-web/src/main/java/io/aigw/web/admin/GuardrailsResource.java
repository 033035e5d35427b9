package io.aigw.web.admin;

import io.aigw.codec.json.Jsonp;
import io.aigw.policy.CallContext;
import io.aigw.policy.GatewayException;
import io.aigw.policy.GatewayService;
import io.aigw.policy.Problem;
import io.aigw.policy.chain.Operation;
import io.aigw.policy.guardrail.GuardrailSet;
import io.aigw.policy.guardrail.GuardrailStore;
import io.aigw.web.http.CallContexts;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
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

/**
 * {@code /admin/guardrails}: {@code PUT /{name}} creates (201) or replaces (200) a guardrail set, {@code GET} lists
 * them, {@code GET|DELETE /{name}} reads or deletes one (409 while a tenant, key or route uses it). Sets are attached
 * with {@code "guardrails"} on tenants, keys and routes.
 */
@Path("/admin/guardrails")
@ApplicationScoped
public class GuardrailsResource {

    @EJB
    GatewayService gateway;

    @EJB
    GuardrailStore store;

    @PUT
    @Path("{name}")
    public Response put(@PathParam("name") String name, InputStream body, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        GuardrailStore.Stored s = gateway.manage(call, Operation.ADMIN,
                ex -> store.put(ex, name, AdminJson.body(body, request)));
        return s.created() ? AdminJson.created(s.set().toJson(), call) : AdminJson.ok(s.set().toJson(), call);
    }

    @GET
    public Response list(@Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        List<GuardrailSet> all = gateway.manage(call, Operation.ADMIN, ex -> store.all());
        JsonArrayBuilder data = Jsonp.createArrayBuilder();
        all.forEach(s -> data.add(s.toJson()));
        return AdminJson.ok(Jsonp.createObjectBuilder().add("data", data).build(), call);
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        GuardrailSet s = gateway.manage(call, Operation.ADMIN, ex -> store.find(name)
                .orElseThrow(() -> new GatewayException(Problem.NOT_FOUND, "There is no guardrail set '" + name
                        + "'.")));
        return AdminJson.ok(s.toJson(), call);
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        GuardrailSet s = gateway.manage(call, Operation.ADMIN, ex -> store.delete(ex, name));
        return AdminJson.ok(s.toJson(), call);
    }
}
