package io.aigw.web.admin;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonFields;
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
import io.aigw.web.http.BoundedBody;
import io.aigw.web.http.CallContexts;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import io.aigw.codec.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /admin/keys}: issue (the secret is in the response once, never again), list, read and revoke gateway keys.
 */
@Path("/admin/keys")
@ApplicationScoped
public class KeysResource {

    private static final long MAX_BODY = 64 * 1024;

    @EJB
    GatewayService gateway;

    @EJB
    KeyAdministration keys;

    @POST
    public Response create(InputStream body, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        IssuedKey issued = gateway.manage(call, Operation.ADMIN, ex -> {
            JsonObject json = parse(BoundedBody.read(body, request.getContentLengthLong(), MAX_BODY));
            String name = required(json, "name");
            String tenant = optional(json, "tenant", "default");
            return keys.create(ex, name, tenant, roles(json), strings(json, "allowed_models"));
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
        return Response.ok(JsonText.write(json), MediaType.APPLICATION_JSON_TYPE)
                .header("x-request-id", call.requestId()).build();
    }

    private static GatewayException notFound(String id) {
        return new GatewayException(Problem.NOT_FOUND, "There is no API key '" + id + "'.");
    }

    private static JsonObject parse(byte[] body) {
        try {
            return JsonText.parseObject(body);
        } catch (InvalidMessageException e) {
            throw new GatewayException(Problem.INVALID_REQUEST, e.getMessage(), null, null, e);
        }
    }

    private static String required(JsonObject json, String field) {
        String v = optional(json, field, null);
        if (v == null || v.isBlank()) {
            throw new GatewayException(Problem.INVALID_REQUEST, "Missing required field '" + field + "'.", field,
                    null, null);
        }
        return v;
    }

    private static String optional(JsonObject json, String field, String fallback) {
        try {
            String v = JsonFields.string(json, field, field);
            return v == null ? fallback : v;
        } catch (InvalidMessageException e) {
            throw new GatewayException(Problem.INVALID_REQUEST, e.getMessage(), field, null, e);
        }
    }

    private static Set<GatewayRole> roles(JsonObject json) {
        Set<GatewayRole> roles = EnumSet.of(GatewayRole.USER);
        for (String r : strings(json, "roles")) {
            try {
                roles.add(GatewayRole.of(r));
            } catch (IllegalArgumentException e) {
                throw new GatewayException(Problem.INVALID_REQUEST, "Unknown role '" + r
                        + "'. Roles are 'user', 'compliance', 'auditor' and 'admin'.", "roles", null, null);
            }
        }
        return roles;
    }

    private static List<String> strings(JsonObject json, String field) {
        JsonArray a;
        try {
            a = JsonFields.array(json, field, field);
        } catch (InvalidMessageException e) {
            throw new GatewayException(Problem.INVALID_REQUEST, e.getMessage(), field, null, e);
        }
        List<String> out = new ArrayList<>();
        if (a != null) {
            for (int i = 0; i < a.size(); i++) {
                if (!(a.get(i) instanceof JsonString s) || s.getString().isBlank() || s.getString().contains(",")) {
                    throw new GatewayException(Problem.INVALID_REQUEST, "'" + field + "[" + i
                            + "]' must be a non-empty string without commas.", field, null, null);
                }
                out.add(s.getString());
            }
        }
        return out;
    }
}
