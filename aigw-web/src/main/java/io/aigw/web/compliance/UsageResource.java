package io.aigw.web.compliance;

import io.aigw.codec.json.JsonText;
import io.aigw.codec.json.Jsonp;
import io.aigw.policy.CallContext;
import io.aigw.policy.GatewayException;
import io.aigw.policy.GatewayService;
import io.aigw.policy.Problem;
import io.aigw.policy.chain.Operation;
import io.aigw.policy.usage.UsageDimension;
import io.aigw.policy.usage.UsageQuery;
import io.aigw.policy.usage.UsageRow;
import io.aigw.policy.usage.UsageTotals;
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
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /compliance/usage}: requests, errors, tokens by type and latency from the usage aggregate store, between
 * {@code from} and {@code to} (ISO-8601 times, or dates in {@code time_zone}; by default the last 7 days), grouped by
 * any of {@code tenant}, {@code key}, {@code model}, {@code route} (the route the client named as its model, {@code ""}
 * for a model named directly), {@code operation}, {@code day} (in {@code time_zone}, UTC by default) and
 * {@code hour}, filtered by {@code tenant}, {@code key_id}, {@code model} and {@code route}. Hours are the store's
 * grain: a range starts at the hour {@code from} falls in. Scoped like the records: a {@code compliance} key sees its
 * own tenant's usage only.
 */
@Path("/compliance/usage")
@ApplicationScoped
public class UsageResource {

    /** The widest range one report covers. */
    static final Duration MAX_RANGE = Duration.ofDays(400);
    private static final Set<String> PARAMS = Set.of("from", "to", "group_by", "time_zone", "tenant", "key_id",
            "model", "route");

    @EJB
    GatewayService gateway;

    @EJB
    UsageQuery usage;

    @GET
    public Response report(@Context UriInfo uri, @Context HttpServletRequest request) {
        return report(uri, request, Operation.COMPLIANCE);
    }

    /**
     * The report, read as a compliance operation ({@code /compliance/usage}) or an administrative one
     * ({@code /admin/usage}): the same parameters, the same answer.
     */
    public Response report(UriInfo uri, HttpServletRequest request, Operation operation) {
        CallContext call = CallContexts.of(request);
        JsonObject body = gateway.manage(call, operation, ex -> {
            QueryParams.noteQuery(ex, uri);
            QueryParams q = new QueryParams(uri.getQueryParameters(), PARAMS);
            ZoneId zone = q.zone("time_zone");
            LocalDateTime to = q.time("to", zone);
            to = to == null ? LocalDateTime.now(ZoneOffset.UTC) : to;
            LocalDateTime from = q.time("from", zone);
            from = from == null ? to.minusDays(7) : from;
            if (!from.isBefore(to)) {
                throw QueryParams.invalid("to", "'to' must be after 'from'.");
            }
            if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
                throw QueryParams.invalid("from", "A usage report covers at most " + MAX_RANGE.toDays() + " days.");
            }
            Set<UsageDimension> groupBy = groupBy(q.text("group_by"));
            List<UsageRow> rows;
            try {
                rows = usage.report(from, to, AnalyticsResource.filter(q, ex), groupBy, zone);
            } catch (UsageQuery.TooManyGroupsException e) {
                throw QueryParams.invalid("group_by", "The report would have more than " + UsageQuery.MAX_GROUPS
                        + " groups: narrow the range, filter, or group by fewer dimensions.");
            } catch (java.sql.SQLException e) {
                if (io.aigw.policy.audit.AuditQuery.timedOut(e)) {
                    throw new GatewayException(Problem.QUERY_TIMEOUT, "The report did not finish within "
                            + "aigw.compliance.query-timeout. Narrow the range or the filters.", null, null, e);
                }
                throw new GatewayException(Problem.AUDIT_UNAVAILABLE, "Usage could not be read. Retry later.", null,
                        null, e);
            }
            JsonArrayBuilder dims = Jsonp.createArrayBuilder();
            groupBy.forEach(d -> dims.add(d.apiName()));
            JsonArrayBuilder data = Jsonp.createArrayBuilder();
            rows.forEach(r -> data.add(row(r)));
            return Jsonp.createObjectBuilder().add("object", "usage")
                    .add("from", from.truncatedTo(ChronoUnit.HOURS) + ":00Z").add("to", to + "Z")
                    .add("time_zone", zone.getId()).add("group_by", dims).add("data", data).build();
        });
        return Response.ok(JsonText.write(body), MediaType.APPLICATION_JSON_TYPE)
                .header("x-request-id", call.requestId()).build();
    }

    private static Set<UsageDimension> groupBy(String value) {
        Set<UsageDimension> out = EnumSet.noneOf(UsageDimension.class);
        if (value == null) {
            return out;
        }
        for (String name : value.split(",")) {
            UsageDimension d = UsageDimension.of(name);
            if (d == null) {
                throw QueryParams.invalid("group_by", "'group_by' takes tenant, key, model, route, operation, "
                        + "day and hour, separated by commas; '" + name.trim() + "' is none of them.");
            }
            out.add(d);
        }
        if (out.contains(UsageDimension.DAY) && out.contains(UsageDimension.HOUR)) {
            throw QueryParams.invalid("group_by", "Group by 'day' or by 'hour', not both.");
        }
        return out;
    }

    private static JsonObject row(UsageRow r) {
        JsonObjectBuilder b = Jsonp.createObjectBuilder();
        for (Map.Entry<String, String> e : r.group().entrySet()) {
            b.add(e.getKey(), e.getValue());
        }
        UsageTotals t = r.totals();
        JsonObjectBuilder histogram = Jsonp.createObjectBuilder();
        t.latencyHistogram().forEach(histogram::add);
        JsonObjectBuilder cost = Jsonp.createObjectBuilder();
        t.costNanos().forEach((currency, nanos) -> cost.add(currency.trim(),
                java.math.BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString()));
        return b.add("requests", t.requests()).add("errors", t.errors()).add("streamed", t.streamed())
                .add("usage_estimated", t.estimated()).add("input_tokens", t.inputTokens())
                .add("output_tokens", t.outputTokens()).add("cached_input_tokens", t.cachedInputTokens())
                .add("cache_write_tokens", t.cacheWriteTokens()).add("reasoning_tokens", t.reasoningTokens())
                .add("latency_ms_sum", t.latencyMillisSum())
                .add("latency_ms_avg", t.requests() == 0 ? 0 : (double) t.latencyMillisSum() / t.requests())
                .add("latency_ms_histogram", histogram).add("unpriced_requests", t.unpriced())
                .add("cost", cost).build();
    }
}
