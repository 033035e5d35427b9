package io.aigw.web.admin;

import io.aigw.policy.guardrail.GuardrailAttachments;
import io.aigw.policy.guardrail.GuardrailNames;
import io.aigw.policy.guardrail.GuardrailSets;
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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /admin/keys}: issue (the secret is in the response once, never again), list, read, change (name, roles,
 * allowed models, expiry, guardrail sets), rotate (a new secret; the old one valid for a grace period) and revoke gateway keys, and
 * their limits and budget.
 */
@Path("/admin/keys")
@ApplicationScoped
public class KeysResource {

    private static final Set<String> CREATE_FIELDS = Set.of("name", "tenant", "roles", "allowed_models",
            "expires_at", "guardrails");
    private static final Set<String> PATCH_FIELDS = Set.of("name", "roles", "allowed_models", "expires_at",
            "guardrails");
    private static final Duration MAX_GRACE = Duration.ofDays(30);

    @EJB
    GatewayService gateway;

    @EJB
    KeyAdministration keys;

    @Inject
    ScopedPolicyEndpoints policies;

    @Inject
    GuardrailSets guardrailSets;

    @EJB
    GuardrailAttachments guardrails;

    @POST
    public Response create(InputStream body, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        IssuedKey issued = gateway.manage(call, Operation.ADMIN, ex -> {
            JsonObject json = AdminJson.body(body, request);
            String name = AdminJson.required(json, "name");
            String tenant = AdminJson.optional(json, "tenant", "default");
            io.aigw.policy.quota.SpecFields.only(json, "", CREATE_FIELDS);
            List<String> sets = GuardrailNames.parse(json.get("guardrails"), "guardrails");
            guardrailSets.requireExisting(sets, "guardrails");
            IssuedKey made = keys.create(ex, name, tenant, roles(json), AdminJson.strings(json, "allowed_models"),
                    expiresAt(json));
            if (!sets.isEmpty()) {
                guardrails.attach(ex, Scope.key(made.key().getId()), sets);
            }
            return made;
        });
        JsonObject out = Jsonp.createObjectBuilder(describe(issued.key()).build()).add("key", issued.secret()).build();
        return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE).entity(JsonText.write(out))
                .header("x-request-id", call.requestId()).header("Cache-Control", "no-store").build();
    }

    @GET
    public Response list(@Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        java.util.Map<Scope, List<String>> attached = new java.util.HashMap<>();
        List<ApiKey> all = gateway.manage(call, Operation.ADMIN, ex -> {
            attached.putAll(guardrails.all());
            return keys.list();
        });
        JsonArrayBuilder data = Jsonp.createArrayBuilder();
        all.forEach(k -> data.add(describeKey(k).add("guardrails",
                GuardrailNames.toJson(attached.getOrDefault(Scope.key(k.getId()), List.of())))));
        return json(Jsonp.createObjectBuilder().add("data", data).build(), call);
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        ApiKey key = gateway.manage(call, Operation.ADMIN, ex -> keys.find(id).orElseThrow(() -> notFound(id)));
        return json(describe(key).build(), call);
    }

    @PATCH
    @Path("{id}")
    public Response update(@PathParam("id") String id, InputStream body, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        ApiKey key = gateway.manage(call, Operation.ADMIN, ex -> {
            JsonObject json = AdminJson.body(body, request);
            io.aigw.policy.quota.SpecFields.only(json, "", PATCH_FIELDS);
            String name = json.containsKey("name") ? AdminJson.required(json, "name") : null;
            Set<GatewayRole> roles = json.containsKey("roles") ? roles(json) : null;
            List<String> models = json.containsKey("allowed_models") ? AdminJson.strings(json, "allowed_models")
                    : null;
            boolean clear = json.containsKey("expires_at") && json.isNull("expires_at");
            List<String> sets = json.containsKey("guardrails")
                    ? GuardrailNames.parse(json.get("guardrails"), "guardrails") : null;
            if (sets != null) {
                guardrailSets.requireExisting(sets, "guardrails");
            }
            ApiKey changed = keys.update(ex, id, name, roles, models, clear ? null : expiresAt(json), clear)
                    .orElseThrow(() -> notFound(id));
            if (sets != null) {
                guardrails.attach(ex, Scope.key(id), sets);
            }
            return changed;
        });
        return json(describe(key).build(), call);
    }

    @POST
    @Path("{id}/rotate")
    public Response rotate(@PathParam("id") String id, InputStream body, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        IssuedKey issued = gateway.manage(call, Operation.ADMIN, ex -> {
            JsonObject json = request.getContentLengthLong() == 0 ? jakarta.json.JsonValue.EMPTY_JSON_OBJECT
                    : AdminJson.body(body, request);
            io.aigw.policy.quota.SpecFields.only(json, "", java.util.Set.of("grace_period"));
            return keys.rotate(ex, id, gracePeriod(json)).orElseThrow(() -> notFound(id));
        });
        JsonObject out = Jsonp.createObjectBuilder(describe(issued.key()).build()).add("key", issued.secret()).build();
        return Response.ok(JsonText.write(out), MediaType.APPLICATION_JSON_TYPE)
                .header("x-request-id", call.requestId()).header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        ApiKey key = gateway.manage(call, Operation.ADMIN, ex -> keys.revoke(ex, id).orElseThrow(() -> notFound(id)));
        return json(describe(key).build(), call);
    }

    @Path("{id}/limits")
    public ScopedPolicyResource limits(@PathParam("id") String id) {
        return policies.of(ScopedPolicy.LIMITS, Scope.key(id));
    }

    @Path("{id}/budget")
    public ScopedPolicyResource budget(@PathParam("id") String id) {
        return policies.of(ScopedPolicy.BUDGET, Scope.key(id));
    }

    private JsonObjectBuilder describe(ApiKey k) {
        return describeKey(k).add("guardrails", GuardrailNames.toJson(guardrails.of(Scope.key(k.getId()))));
    }

    private static JsonObjectBuilder describeKey(ApiKey k) {
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
        if (k.getExpiresAt() == null) {
            b.addNull("expires_at");
        } else {
            b.add("expires_at", k.getExpiresAt().toString() + "Z");
        }
        if (k.getPreviousValidUntil() != null) {
            b.add("previous_secret_valid_until", k.getPreviousValidUntil().toString() + "Z");
        }
        return b;
    }

    private static Response json(JsonObject json, CallContext call) {
        return AdminJson.ok(json, call);
    }

    private static GatewayException notFound(String id) {
        return new GatewayException(Problem.NOT_FOUND, "There is no API key '" + id + "'.");
    }

    /** An RFC 3339 time in the future, or {@code null} when absent. */
    private static LocalDateTime expiresAt(JsonObject json) {
        String v = AdminJson.optional(json, "expires_at", null);
        if (v == null) {
            return null;
        }
        try {
            Instant at = OffsetDateTime.parse(v).toInstant();
            if (!at.isAfter(Instant.now())) {
                throw new GatewayException(Problem.INVALID_REQUEST, "'expires_at' must be in the future.",
                        "expires_at", null, null);
            }
            return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new GatewayException(Problem.INVALID_REQUEST, "'expires_at' must be an RFC 3339 time such as "
                    + "\"2027-01-01T00:00:00Z\".", "expires_at", null, e);
        }
    }

    /** How long a rotated key's old secret stays valid: {@code grace_period} (ISO-8601, at most 30 days), 1 hour. */
    private static Duration gracePeriod(JsonObject json) {
        String v = AdminJson.optional(json, "grace_period", "PT1H");
        try {
            Duration d = Duration.parse(v);
            if (d.isNegative() || d.compareTo(MAX_GRACE) > 0) {
                throw new DateTimeParseException("out of range", v, 0);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new GatewayException(Problem.INVALID_REQUEST, "'grace_period' must be an ISO-8601 duration from "
                    + "PT0S to P30D, such as \"PT1H\".", "grace_period", null, e);
        }
    }

    private static Set<GatewayRole> roles(JsonObject json) {
        Set<GatewayRole> roles = EnumSet.noneOf(GatewayRole.class);
        for (String r : AdminJson.strings(json, "roles")) {
            try {
                roles.add(GatewayRole.of(r));
            } catch (IllegalArgumentException e) {
                throw new GatewayException(Problem.INVALID_REQUEST, "Unknown role '" + r
                        + "'. Roles are 'user', 'compliance', 'auditor', 'metrics' and 'admin'.", "roles", null, null);
            }
        }
        // every key calls models, but a key made only to scrape /metrics
        if (!roles.equals(EnumSet.of(GatewayRole.METRICS))) {
            roles.add(GatewayRole.USER);
        }
        return roles;
    }
}
