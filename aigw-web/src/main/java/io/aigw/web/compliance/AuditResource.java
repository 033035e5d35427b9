package io.aigw.web.compliance;

import io.aigw.codec.json.JsonText;
import io.aigw.policy.CallContext;
import io.aigw.policy.GatewayException;
import io.aigw.policy.GatewayService;
import io.aigw.policy.Problem;
import io.aigw.policy.audit.AuditFilter;
import io.aigw.policy.audit.AuditPage;
import io.aigw.policy.audit.AuditQuery;
import io.aigw.policy.audit.AuditMaintenance;
import io.aigw.policy.audit.AuditVerifier;
import io.aigw.policy.audit.AuditView;
import java.sql.SQLException;
import io.aigw.policy.chain.Operation;
import io.aigw.web.http.CallContexts;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import io.aigw.codec.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /compliance/audit}: the audit trail, newest first, filtered ({@code from}, {@code to} as ISO-8601,
 * {@code key_id}, {@code tenant}, {@code model}, {@code status}, {@code operation}), paged ({@code offset},
 * {@code limit} up to 1000), as JSON or {@code format=csv}; {@code GET /compliance/audit/{id}}: one request's record;
 * {@code GET /compliance/audit/verify}: the hash chains checked. A {@code compliance} key reads its own tenant's
 * records only (another tenant's record is 404); {@code auditor} and {@code admin} keys read every tenant's.
 */
@Path("/compliance/audit")
@ApplicationScoped
public class AuditResource {

    private static final int MAX_LIMIT = 1000;

    @EJB
    GatewayService gateway;

    @EJB
    AuditQuery audit;

    @EJB
    AuditMaintenance maintenance;

    @GET
    public Response list(@QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("key_id") String keyId, @QueryParam("tenant") String tenant,
                         @QueryParam("model") String model, @QueryParam("status") String status,
                         @QueryParam("operation") String operation, @QueryParam("offset") String offset,
                         @QueryParam("limit") String limit, @QueryParam("format") String format,
                         @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        AuditPage page = gateway.manage(call, Operation.COMPLIANCE, ex -> {
            AuditFilter filter = new AuditFilter(time("from", from), time("to", to), keyId, tenant, model,
                    integer("status", status, null, 100, 599), operation);
            int first = integer("offset", offset, 0, 0, Integer.MAX_VALUE);
            int size = integer("limit", limit, 100, 1, MAX_LIMIT);
            return audit.page(filter, ex.caller().auditScope(), first, size);
        });
        if ("csv".equalsIgnoreCase(format)) {
            return Response.ok(AuditCsv.of(page.rows()), "text/csv;charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"aigw-audit.csv\"")
                    .header("x-total-count", page.total()).header("x-request-id", call.requestId()).build();
        }
        JsonArrayBuilder data = Jsonp.createArrayBuilder();
        page.rows().forEach(r -> data.add(AuditJson.of(r)));
        return json(Jsonp.createObjectBuilder().add("total", page.total()).add("offset", page.offset())
                .add("count", page.rows().size()).add("data", data).build(), call);
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        AuditView row = gateway.manage(call, Operation.COMPLIANCE, ex -> audit.find(id, ex.caller().auditScope())
                .orElseThrow(() -> new GatewayException(Problem.NOT_FOUND, "There is no audit record '" + id + "'.")));
        return json(AuditJson.of(row), call);
    }

    /**
     * Checks every node's hash chain (or {@code node}'s, within {@code from}/{@code to}): {@code verified} events and
     * the {@code first_break} ({@code node}, {@code seq}, {@code id}), or {@code null}. Auditors and admins only: a
     * tenant-scoped compliance key cannot vouch for other tenants' events.
     */
    @GET
    @Path("verify")
    public Response verify(@QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("node") String node, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        AuditVerifier.Result result = gateway.manage(call, Operation.COMPLIANCE, ex -> {
            if (ex.caller().auditScope() != null) {
                throw new GatewayException(Problem.FORBIDDEN, "Verifying the audit trail needs the 'auditor' or "
                        + "'admin' role: it reads every tenant's events.");
            }
            try {
                return maintenance.verify(time("from", from), time("to", to), node == null || node.isBlank() ? null
                        : node);
            } catch (SQLException e) {
                throw new GatewayException(Problem.AUDIT_UNAVAILABLE, "The audit trail could not be read. Retry "
                        + "later.", null, null, e);
            }
        });
        var b = Jsonp.createObjectBuilder().add("verified", result.verified()).add("unchained", result.unchained());
        AuditVerifier.Break first = result.firstBreak();
        if (first == null) {
            b.addNull("first_break");
        } else {
            var fb = Jsonp.createObjectBuilder().add("node", first.node()).add("seq", first.seq());
            if (first.id() == null) {
                fb.addNull("id");
            } else {
                fb.add("id", first.id());
            }
            b.add("first_break", fb);
        }
        return json(b.build(), call);
    }

    private static Response json(jakarta.json.JsonObject json, CallContext call) {
        return Response.ok(JsonText.write(json), MediaType.APPLICATION_JSON_TYPE)
                .header("x-request-id", call.requestId()).build();
    }

    private static LocalDateTime time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value);
            } catch (DateTimeParseException e2) {
                throw new GatewayException(Problem.INVALID_REQUEST, "'" + name
                        + "' must be an ISO-8601 time such as 2026-11-21T10:00:00Z.", name, null, null);
            }
        }
    }

    private static Integer integer(String name, String value, Integer fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(value.trim());
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new GatewayException(Problem.INVALID_REQUEST, "'" + name + "' must be an integer from " + min
                    + " to " + max + ".", name, null, null);
        }
    }
}
