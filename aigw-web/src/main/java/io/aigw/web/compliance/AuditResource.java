package io.aigw.web.compliance;

import io.aigw.codec.json.JsonText;
import io.aigw.policy.CallContext;
import io.aigw.policy.GatewayException;
import io.aigw.policy.GatewayService;
import io.aigw.policy.Problem;
import io.aigw.policy.audit.AuditFilter;
import io.aigw.policy.audit.AuditPage;
import io.aigw.policy.audit.AuditQuery;
import io.aigw.policy.audit.AuditRecord;
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
 * {@code limit} up to 1000), as JSON or {@code format=csv}; {@code GET /compliance/audit/{id}}: one row.
 */
@Path("/compliance/audit")
@ApplicationScoped
public class AuditResource {

    private static final int MAX_LIMIT = 1000;

    @EJB
    GatewayService gateway;

    @EJB
    AuditQuery audit;

    @GET
    public Response list(@QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("key_id") String keyId, @QueryParam("tenant") String tenant,
                         @QueryParam("model") String model, @QueryParam("status") String status,
                         @QueryParam("operation") String operation, @QueryParam("offset") String offset,
                         @QueryParam("limit") String limit, @QueryParam("format") String format,
                         @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        AuditPage page = gateway.manage(call, Operation.COMPLIANCE, () -> {
            AuditFilter filter = new AuditFilter(time("from", from), time("to", to), keyId, tenant, model,
                    integer("status", status, null, 100, 599), operation);
            int first = integer("offset", offset, 0, 0, Integer.MAX_VALUE);
            int size = integer("limit", limit, 100, 1, MAX_LIMIT);
            return audit.page(filter, first, size);
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
        AuditRecord row = gateway.manage(call, Operation.COMPLIANCE, () -> audit.find(id).orElseThrow(() ->
                new GatewayException(Problem.NOT_FOUND, "There is no audit record '" + id + "'.")));
        return json(AuditJson.of(row), call);
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
