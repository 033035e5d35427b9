package io.aigw.web.compliance;

import io.aigw.codec.json.JsonText;
import io.aigw.policy.CallContext;
import io.aigw.policy.GatewayException;
import io.aigw.policy.GatewayService;
import io.aigw.policy.Problem;
import io.aigw.policy.audit.AuditCursor;
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
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /compliance/audit}: the audit trail, newest first, filtered (see {@link AuditFilters}), a page at a time
 * ({@code limit} up to 1000; {@code cursor} from the previous page's {@code next_cursor}; {@code offset} up to
 * {@value AuditQuery#MAX_OFFSET} for small trails; {@code total=true} counts up to {@value AuditQuery#TOTAL_CAP}), as
 * JSON or {@code format=csv}; {@code GET /compliance/audit/export}: every matching record streamed as CSV or JSON
 * Lines; {@code GET /compliance/audit/{id}}: one request's record; {@code GET /compliance/audit/verify}: the hash
 * chains checked. A {@code compliance} key reads its own tenant's records only (another tenant's record is 404);
 * {@code auditor} and {@code admin} keys read every tenant's.
 */
@Path("/compliance/audit")
@ApplicationScoped
public class AuditResource {

    private static final int MAX_LIMIT = 1000;
    private static final Set<String> LIST_PARAMS = union(AuditFilters.NAMES, "cursor", "offset", "limit", "total",
            "format");
    private static final Set<String> EXPORT_PARAMS = union(AuditFilters.NAMES, "format");

    @EJB
    GatewayService gateway;

    @EJB
    AuditQuery audit;

    @EJB
    AuditMaintenance maintenance;

    @GET
    public Response list(@Context UriInfo uri, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        String[] format = new String[1];
        AuditPage page = gateway.manage(call, Operation.COMPLIANCE, ex -> {
            QueryParams.noteQuery(ex, uri);
            QueryParams q = new QueryParams(uri.getQueryParameters(), LIST_PARAMS);
            AuditFilter filter = AuditFilters.of(q);
            format[0] = q.oneOf("format", List.of("json", "csv"));
            String cursor = q.text("cursor");
            int offset = q.integer("offset", 0, 0, AuditQuery.MAX_OFFSET);
            if (cursor != null && offset > 0) {
                throw QueryParams.invalid("offset", "Give either 'cursor' or 'offset', not both.");
            }
            int size = q.integer("limit", 100, 1, MAX_LIMIT);
            boolean total = Boolean.TRUE.equals(q.bool("total"));
            return read(() -> audit.page(filter, ex.caller().auditScope(), cursor(cursor), offset, size, total));
        });
        String next = page.next() == null ? null : page.next().encode();
        if ("csv".equals(format[0])) {
            StringBuilder csv = new StringBuilder(AuditCsv.HEADER).append("\r\n");
            page.rows().forEach(r -> csv.append(AuditCsv.line(r)));
            Response.ResponseBuilder b = Response.ok(csv.toString(), "text/csv;charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"aigw-audit.csv\"")
                    .header("x-request-id", call.requestId());
            if (next != null) {
                b.header("x-next-cursor", next);
            }
            if (page.total() != null) {
                b.header("x-total-count", page.total());
            }
            return b.build();
        }
        JsonArrayBuilder data = Jsonp.createArrayBuilder();
        page.rows().forEach(r -> data.add(AuditJson.of(r)));
        JsonObjectBuilder body = Jsonp.createObjectBuilder().add("object", "list").add("count", page.rows().size())
                .add("data", data);
        if (next == null) {
            body.addNull("next_cursor");
        } else {
            body.add("next_cursor", next);
        }
        if (page.total() != null) {
            body.add("total", page.total()).add("total_exact", page.totalExact());
        }
        return json(body.build(), call);
    }

    /**
     * Every record the filters match, newest first, streamed a page at a time in constant memory: {@code format=csv}
     * (the list's CSV columns) or {@code jsonl} (one record per line, as the list shows it). A failure after the
     * first bytes ends the response without its last chunk, so a client never mistakes a cut export for a whole one.
     */
    @GET
    @Path("export")
    public Response export(@Context UriInfo uri, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        AuditExport export = gateway.manage(call, Operation.COMPLIANCE, ex -> {
            QueryParams.noteQuery(ex, uri);
            QueryParams q = new QueryParams(uri.getQueryParameters(), EXPORT_PARAMS);
            String format = q.oneOf("format", List.of("csv", "jsonl"));
            if (format == null) {
                throw QueryParams.invalid("format", "'format' is required: csv or jsonl.");
            }
            return new AuditExport(audit, AuditFilters.of(q), ex.caller().auditScope(), "csv".equals(format));
        });
        return Response.ok(export, export.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"")
                .header("Cache-Control", "no-store").header("x-request-id", call.requestId()).build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @Context HttpServletRequest request) {
        CallContext call = CallContexts.of(request);
        AuditView row = gateway.manage(call, Operation.COMPLIANCE, ex -> read(() -> audit.find(id,
                        ex.caller().auditScope()))
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
                return maintenance.verify(QueryParams.timeOf("from", from), QueryParams.timeOf("to", to),
                        node == null || node.isBlank() ? null : node);
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

    private static AuditCursor cursor(String token) {
        if (token == null) {
            return null;
        }
        try {
            return AuditCursor.decode(token);
        } catch (IllegalArgumentException e) {
            throw QueryParams.invalid("cursor", "'cursor' is not a cursor this gateway gave out: pass a page's "
                    + "'next_cursor' as it is.");
        }
    }

    /** A read of the audit trail. */
    @FunctionalInterface
    interface AuditRead<T> {
        T run() throws SQLException;
    }

    static <T> T read(AuditRead<T> read) {
        try {
            return read.run();
        } catch (SQLException e) {
            if (AuditQuery.timedOut(e)) {
                throw new GatewayException(Problem.QUERY_TIMEOUT, "The query did not finish within "
                        + "aigw.compliance.query-timeout. Narrow it with from/to, or filter by tenant or key_id, "
                        + "which have indexes.", null, null, e);
            }
            throw new GatewayException(Problem.AUDIT_UNAVAILABLE, "The audit trail could not be read. Retry later.",
                    null, null, e);
        }
    }

    private static Set<String> union(Set<String> a, String... more) {
        Set<String> out = new java.util.HashSet<>(a);
        out.addAll(List.of(more));
        return Set.copyOf(out);
    }
}
