package io.aigw.web.compliance;

import io.aigw.codec.json.JsonText;
import io.aigw.codec.json.Jsonp;
import io.aigw.policy.CallContext;
import io.aigw.policy.GatewayService;
import io.aigw.policy.auth.Caller;
import io.aigw.policy.auth.GatewayRole;
import io.aigw.policy.chain.Operation;
import io.aigw.web.http.CallContexts;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;

/**
 * {@code GET /compliance/me}: the key that asks, as the gateway sees it (id, name, tenant, roles) and whose audit
 * trail it reads ({@code audit_scope}: its tenant, or {@code null} for every tenant). Every key that may read the
 * audit trail may ask (compliance, auditor, admin); the console signs in with it. Never the secret.
 */
@Path("/compliance/me")
@ApplicationScoped
public class CallerResource {

    @EJB
    GatewayService gateway;

    @GET
    public Response me(@Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        Caller caller = gateway.manage(call, Operation.COMPLIANCE, ex -> ex.caller());
        JsonArrayBuilder roles = Jsonp.createArrayBuilder();
        Arrays.stream(GatewayRole.values()).filter(r -> caller.roles().contains(r))
                .forEach(r -> roles.add(r.wireName()));
        JsonObjectBuilder body = Jsonp.createObjectBuilder().add("object", "caller").add("key_id", caller.keyId())
                .add("name", caller.name()).add("tenant", caller.tenant()).add("roles", roles);
        String scope = caller.auditScope();
        if (scope == null) {
            body.addNull("audit_scope");
        } else {
            body.add("audit_scope", scope);
        }
        return Response.ok(JsonText.write(body.build()), MediaType.APPLICATION_JSON_TYPE)
                .header("x-request-id", call.requestId()).header("Cache-Control", "no-store").build();
    }
}
