package io.aigw.web.admin;

import io.aigw.codec.json.Jsonp;
import io.aigw.policy.CallContext;
import io.aigw.policy.GatewayException;
import io.aigw.policy.GatewayService;
import io.aigw.policy.chain.Operation;
import io.aigw.policy.quota.SpecFields;
import io.aigw.policy.route.Route;
import io.aigw.policy.route.RouteStore;
import io.aigw.policy.route.RouteTable;
import io.aigw.web.http.BoundedBody;
import io.aigw.web.http.CallContexts;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * {@code /admin/routes}: {@code PUT /{name}} stores a new version of a route, {@code GET} lists the routes in force,
 * {@code GET|DELETE /{name}} reads or deletes one, {@code GET /{name}/versions} lists its versions (newest first) and
 * {@code POST /{name}/rollback} makes the previous version (or {@code {"version": n}}) current again, as a new
 * version. A route from the routes file cannot be changed here (409).
 */
@Path("/admin/routes")
@ApplicationScoped
public class RoutesResource {

    @EJB
    GatewayService gateway;

    @EJB
    RouteStore store;

    @Inject
    RouteTable table;

    @PUT
    @Path("{name}")
    public Response put(@PathParam("name") String name, InputStream body, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        Route r = gateway.manage(call, Operation.ADMIN, ex -> store.put(ex, name, AdminJson.body(body, request)));
        return r.version() == 1 ? AdminJson.created(r.toJson(), call) : AdminJson.ok(r.toJson(), call);
    }

    @GET
    public Response list(@Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        List<Route> routes = gateway.manage(call, Operation.ADMIN, ex -> {
            table.invalidate(); // an administrator reads what is stored now
            return table.routes().values().stream().sorted(Comparator.comparing(Route::name)).toList();
        });
        JsonArrayBuilder data = Jsonp.createArrayBuilder();
        routes.forEach(r -> data.add(r.toJson()));
        return AdminJson.ok(Jsonp.createObjectBuilder().add("data", data).build(), call);
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        Route r = gateway.manage(call, Operation.ADMIN, ex -> {
            table.invalidate();
            return table.find(name).orElseThrow(() -> notFound(name));
        });
        return AdminJson.ok(r.toJson(), call);
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        Route r = gateway.manage(call, Operation.ADMIN, ex -> store.delete(ex, name));
        return AdminJson.ok(r.toJson(), call);
    }

    @GET
    @Path("{name}/versions")
    public Response versions(@PathParam("name") String name, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        List<Route> versions = gateway.manage(call, Operation.ADMIN, ex -> {
            table.invalidate();
            if (table.fileManaged(name)) {
                return List.of(table.find(name).orElseThrow());
            }
            List<Route> all = store.versions(name);
            if (all.isEmpty()) {
                throw notFound(name);
            }
            return all;
        });
        JsonArrayBuilder data = Jsonp.createArrayBuilder();
        versions.forEach(r -> data.add(r.toJson()));
        return AdminJson.ok(Jsonp.createObjectBuilder().add("data", data).build(), call);
    }

    @POST
    @Path("{name}/rollback")
    public Response rollback(@PathParam("name") String name, InputStream body, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        Route r = gateway.manage(call, Operation.ADMIN, ex -> store.rollback(ex, name, version(body, request)));
        return AdminJson.ok(r.toJson(), call);
    }

    /** The optional {@code {"version": n}} of a rollback; an empty body rolls back to the previous version. */
    private static Integer version(InputStream body, HttpServletRequest request) {
        byte[] bytes = BoundedBody.readOptional(body, request.getContentLengthLong(), AdminJson.MAX_BODY);
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        JsonObject json = AdminJson.parse(bytes);
        SpecFields.only(json, "", Set.of("version"));
        JsonValue v = json.get("version");
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 1 || n.longValue() > Integer.MAX_VALUE) {
            throw SpecFields.invalid("version", "'version' must be a whole number from 1.");
        }
        return n.intValue();
    }

    private static GatewayException notFound(String name) {
        return new GatewayException(io.aigw.policy.Problem.NOT_FOUND, "There is no route '" + name + "'.", "name",
                null, null);
    }
}
