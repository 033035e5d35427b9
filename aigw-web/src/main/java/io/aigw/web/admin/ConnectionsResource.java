package io.aigw.web.admin;

import io.aigw.codec.json.Jsonp;
import io.aigw.jca.api.ConnectionStatus;
import io.aigw.jca.api.PoolUsage;
import io.aigw.policy.CallContext;
import io.aigw.policy.GatewayService;
import io.aigw.policy.chain.Operation;
import io.aigw.policy.routing.ConnectionRegistry;
import io.aigw.policy.routing.ModelCatalog;
import io.aigw.policy.routing.TargetBreakers;
import io.aigw.policy.telemetry.GenAiNames;
import io.aigw.web.http.CallContexts;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code GET /admin/connections}: every connection this server has, as its resource adapter and router see it now:
 * whether it can serve (and why not), its protocol and provider, how many models it offers, its pool (connections in
 * use and idle, callers waiting) and the circuit breaker of each of its models that routes have used. Connections
 * named in {@code aigw.connections} without a factory in {@code server.xml} are listed as unavailable. The pool and
 * breakers are this server's; other servers sharing the database have their own.
 */
@Path("/admin/connections")
@ApplicationScoped
public class ConnectionsResource {

    @EJB
    GatewayService gateway;

    @Inject
    ModelCatalog catalog;

    @Inject
    ConnectionRegistry registry;

    @Inject
    TargetBreakers breakers;

    @GET
    public Response list(@Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        JsonObject body = gateway.manage(call, Operation.ADMIN, ex -> {
            Map<String, String> states = breakers.states();
            JsonArrayBuilder data = Jsonp.createArrayBuilder();
            for (ModelCatalog.ConnectionModels cm : catalog.all()) {
                data.add(describe(cm, states));
            }
            return Jsonp.createObjectBuilder().add("object", "list").add("data", data).build();
        });
        return AdminJson.ok(body, call);
    }

    private JsonObjectBuilder describe(ModelCatalog.ConnectionModels cm, Map<String, String> states) {
        ConnectionStatus s = cm.status();
        JsonObjectBuilder c = Jsonp.createObjectBuilder().add("name", s.connection()).add("available", s.available());
        if (s.protocol() == null) {
            c.addNull("protocol").addNull("provider");
        } else {
            c.add("protocol", s.protocol()).add("provider", GenAiNames.provider(s.protocol()));
        }
        if (s.reason() == null) {
            c.addNull("reason");
        } else {
            c.add("reason", s.reason());
        }
        c.add("models", cm.models().size());
        PoolUsage pool = registry.factory(s.connection()).map(f -> f.poolUsage()).orElse(null);
        if (pool == null) {
            c.addNull("pool");
        } else {
            c.add("pool", Jsonp.createObjectBuilder().add("open", pool.open()).add("in_use", pool.inUse())
                    .add("idle", pool.idle()).add("pending", pool.pending()));
        }
        JsonArrayBuilder b = Jsonp.createArrayBuilder();
        String prefix = s.connection() + "/";
        states.forEach((target, state) -> {
            if (target.startsWith(prefix)) {
                b.add(Jsonp.createObjectBuilder().add("model", target.substring(prefix.length())).add("state", state));
            }
        });
        return c.add("breakers", b);
    }
}
