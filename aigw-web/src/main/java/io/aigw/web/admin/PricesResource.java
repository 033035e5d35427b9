package io.aigw.web.admin;

import io.aigw.codec.json.Jsonp;
import io.aigw.policy.CallContext;
import io.aigw.policy.GatewayException;
import io.aigw.policy.GatewayService;
import io.aigw.policy.Problem;
import io.aigw.policy.budget.PriceStore;
import io.aigw.policy.budget.PriceTable;
import io.aigw.policy.budget.PriceVersion;
import io.aigw.policy.chain.Operation;
import io.aigw.policy.config.GatewayClock;
import io.aigw.web.http.CallContexts;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;

/**
 * {@code /admin/prices}: {@code PUT} stores a new version of a model's price in a currency (effective from
 * {@code effective_from}, default now); {@code GET} lists the versions in force, {@code ?history=true} every version.
 */
@Path("/admin/prices")
@ApplicationScoped
public class PricesResource {

    @EJB
    GatewayService gateway;

    @EJB
    PriceStore store;

    @Inject
    PriceTable table;

    @Inject
    GatewayClock clock;

    @PUT
    public Response put(InputStream body, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        PriceVersion v = gateway.manage(call, Operation.ADMIN, ex -> store.add(ex, AdminJson.body(body, request),
                clock.now()));
        return AdminJson.created(v.toJson(), call);
    }

    @GET
    public Response list(@Context UriInfo uri, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        List<PriceVersion> versions = gateway.manage(call, Operation.ADMIN, ex -> {
            for (String p : uri.getQueryParameters().keySet()) {
                if (!p.equals("history")) {
                    throw new GatewayException(Problem.INVALID_REQUEST, "Unknown query parameter '" + p
                            + "'. Known: history.", p, null, null);
                }
            }
            String history = uri.getQueryParameters().getFirst("history");
            if (history != null && !history.equals("true") && !history.equals("false")) {
                throw new GatewayException(Problem.INVALID_REQUEST, "'history' must be 'true' or 'false'.", "history",
                        null, null);
            }
            return "true".equals(history) ? table.history() : table.current(clock.now());
        });
        JsonArrayBuilder data = Jsonp.createArrayBuilder();
        versions.forEach(v -> data.add(v.toJson()));
        return AdminJson.ok(Jsonp.createObjectBuilder().add("data", data).build(), call);
    }
}
