package io.aigw.web.compliance;

import io.aigw.codec.json.JsonText;
import io.aigw.codec.json.Jsonp;
import io.aigw.policy.CallContext;
import io.aigw.policy.GatewayException;
import io.aigw.policy.GatewayService;
import io.aigw.policy.Problem;
import io.aigw.policy.chain.Exchange;
import io.aigw.policy.chain.Operation;
import io.aigw.policy.usage.AnalyticsInterval;
import io.aigw.policy.usage.AnalyticsOrder;
import io.aigw.policy.usage.AnalyticsQuery;
import io.aigw.policy.usage.AnalyticsReport;
import io.aigw.policy.usage.UsageDimension;
import io.aigw.policy.usage.UsageFilter;
import io.aigw.policy.usage.UsageQuery;
import io.aigw.web.http.CallContexts;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code GET /compliance/analytics}: usage analytics from the aggregate store, between {@code from} and {@code to}
 * (ISO-8601 times, or dates in {@code time_zone}; by default the last 7 days), grouped by any of {@code tenant},
 * {@code key}, {@code model}, {@code route} and {@code operation}, filtered by {@code tenant}, {@code key_id},
 * {@code model} and {@code route}. With {@code interval} ({@code hour} or {@code day} in {@code time_zone}) each group
 * gets a time series with a point for every interval of the range, zero-filled; {@code order_by} ({@code cost},
 * {@code requests}, {@code errors} or {@code tokens}; {@code cost} in {@code currency}) ranks the groups largest first
 * and {@code limit} keeps the first ones. The measures and the latency percentile method are {@link AnalyticsJson}'s
 * and {@link io.aigw.policy.usage.LatencyPercentiles}'s; the bounds are {@link AnalyticsQuery}'s, refused with 400.
 * Scoped like the records: a {@code compliance} key sees its own tenant's usage only.
 */
@Path("/compliance/analytics")
@ApplicationScoped
public class AnalyticsResource {

    private static final Set<String> PARAMS = Set.of("from", "to", "time_zone", "group_by", "interval", "tenant",
            "key_id", "model", "route", "order_by", "currency", "limit");

    @EJB
    GatewayService gateway;

    @EJB
    UsageQuery usage;

    @GET
    public Response report(@Context UriInfo uri, @Context HttpServletRequest request) {
        return report(uri, request, Operation.COMPLIANCE);
    }

    /**
     * The report, read as a compliance operation ({@code /compliance/analytics}) or an administrative one
     * ({@code /admin/analytics}): the same parameters, the same answer.
     */
    public Response report(UriInfo uri, HttpServletRequest request, Operation operation) {
        CallContext call = CallContexts.of(request);
        JsonObject body = gateway.manage(call, operation, ex -> {
            QueryParams.noteQuery(ex, uri);
            QueryParams q = new QueryParams(uri.getQueryParameters(), PARAMS);
            AnalyticsQuery query = query(q, ex);
            AnalyticsReport report;
            try {
                report = usage.analytics(query);
            } catch (AnalyticsQuery.Refused e) {
                throw QueryParams.invalid(e.parameter(), e.getMessage());
            } catch (UsageQuery.TooManyGroupsException e) {
                throw QueryParams.invalid("group_by", "The report would read more than " + UsageQuery.MAX_GROUPS
                        + " groups: narrow the range, filter, or group by fewer dimensions.");
            } catch (java.sql.SQLException e) {
                if (io.aigw.policy.audit.AuditQuery.timedOut(e)) {
                    throw new GatewayException(Problem.QUERY_TIMEOUT, "The report did not finish within "
                            + "aigw.compliance.query-timeout. Narrow the range or the filters.", null, null, e);
                }
                throw new GatewayException(Problem.AUDIT_UNAVAILABLE, "Usage could not be read. Retry later.", null,
                        null, e);
            }
            return answer(query, report);
        });
        return Response.ok(JsonText.write(body), MediaType.APPLICATION_JSON_TYPE)
                .header("x-request-id", call.requestId()).build();
    }

    /** The tenant scope of the caller and the {@code tenant}, {@code key_id}, {@code model}, {@code route} filters. */
    static UsageFilter filter(QueryParams q, Exchange ex) {
        return new UsageFilter(ex.caller().auditScope(), q.text("tenant"), q.text("key_id"), q.text("model"),
                q.text("route"));
    }

    private static AnalyticsQuery query(QueryParams q, Exchange ex) {
        ZoneId zone = q.zone("time_zone");
        LocalDateTime to = q.time("to", zone);
        to = to == null ? LocalDateTime.now(ZoneOffset.UTC) : to;
        LocalDateTime from = q.time("from", zone);
        from = from == null ? to.minusDays(7) : from;
        String interval = q.text("interval");
        AnalyticsInterval step = interval == null ? null : AnalyticsInterval.of(interval);
        if (interval != null && step == null) {
            throw QueryParams.invalid("interval", "'interval' must be hour or day.");
        }
        String order = q.text("order_by");
        AnalyticsOrder orderBy = order == null ? null : AnalyticsOrder.of(order);
        if (order != null && orderBy == null) {
            throw QueryParams.invalid("order_by", "'order_by' must be cost, requests, errors or tokens.");
        }
        String currency = q.text("currency");
        if (currency != null && !currency.matches("[A-Z]{3}")) {
            throw QueryParams.invalid("currency", "'currency' must be an ISO 4217 code such as EUR.");
        }
        Integer limit = q.integer("limit", null, 1, AnalyticsQuery.MAX_LIMIT);
        return new AnalyticsQuery(from, to, zone, filter(q, ex), groupBy(q.text("group_by")), step, orderBy,
                currency, limit);
    }

    private static Set<UsageDimension> groupBy(String value) {
        Set<UsageDimension> out = EnumSet.noneOf(UsageDimension.class);
        if (value == null) {
            return out;
        }
        for (String name : value.split(",")) {
            UsageDimension d = UsageDimension.of(name);
            if (d == null || d.isTime()) {
                throw QueryParams.invalid("group_by", "'group_by' takes tenant, key, model, route and operation, "
                        + "separated by commas (a time series is asked for with 'interval'); '" + name.trim()
                        + "' is none of them.");
            }
            out.add(d);
        }
        return out;
    }

    private static JsonObject answer(AnalyticsQuery query, AnalyticsReport report) {
        JsonArrayBuilder dims = Jsonp.createArrayBuilder();
        query.groupBy().forEach(d -> dims.add(d.apiName()));
        JsonObjectBuilder b = Jsonp.createObjectBuilder().add("object", "analytics")
                .add("from", query.from().truncatedTo(ChronoUnit.HOURS) + ":00Z").add("to", query.to() + "Z")
                .add("time_zone", query.zone().getId()).add("group_by", dims);
        text(b, "interval", query.interval() == null ? null : query.interval().apiName());
        text(b, "order_by", query.orderBy() == null ? null : query.orderBy().apiName());
        text(b, "currency", report.rankCurrency());
        if (query.limit() == null) {
            b.addNull("limit");
        } else {
            b.add("limit", query.limit());
        }
        return b.add("groups_total", report.groupsTotal())
                .add("total", AnalyticsJson.measures(Jsonp.createObjectBuilder(), report.total()))
                .add("data", AnalyticsJson.groups(report, query.groupBy(), query.interval() != null)).build();
    }

    private static void text(JsonObjectBuilder b, String name, String value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }
}
