package io.aigw.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.it.support.Gateway;
import io.aigw.it.support.Keys;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Usage analytics ({@code /admin/analytics}, {@code /compliance/analytics}) over traffic each test sends in tenants of
 * its own: chats through a route and to models named directly, a failing one, from keys issued through the admin API;
 * the answer must equal what was sent and what the audit trail records, by key, route and time, ranked, scoped to a
 * compliance key's tenant, and bad queries are refused with a problem naming the parameter.
 */
class AnalyticsIT extends GatewayIT {

    private static final long[] BOUNDS = {100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000};

    private String tag;
    private String tenant;
    private String otherTenant;
    private String route;
    private String routed;
    private String direct;
    private Keys.Issued first;
    private Keys.Issued second;
    private Keys.Issued outsider;

    @BeforeEach
    void traffic() {
        tag = UUID.randomUUID().toString().substring(0, 8);
        tenant = "analytics-" + tag;
        otherTenant = "analytics-other-" + tag;
        route = "an-route-" + tag;
        routed = "openai/fake-an-routed-" + tag;
        direct = "openai/fake-an-direct-" + tag;
        HttpResponse<String> defined = gateway.method("PUT", "/admin/routes/" + route, Gateway.ADMIN_KEY,
                "{\"targets\":[{\"model\":\"" + routed + "\"}]}");
        assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
        HttpResponse<String> priced = gateway.method("PUT", "/admin/prices", Gateway.ADMIN_KEY, "{\"model\":\""
                + direct + "\",\"currency\":\"USD\",\"input_per_million\":\"1000\",\"output_per_million\":\"2000\"}");
        assertThat(priced.statusCode()).as(priced.body()).isEqualTo(201);
        first = Keys.issue(gateway, "analytics-first", tenant, List.of(), List.of());
        second = Keys.issue(gateway, "analytics-second", tenant, List.of(), List.of());
        outsider = Keys.issue(gateway, "analytics-outsider", otherTenant, List.of(), List.of());
        // first: 3 through the route, 2 direct, 1 failing; second: 1 through the route, 4 direct; outsider: 2 direct
        send(first, route, 3, 200);
        send(first, direct, 2, 200);
        HttpResponse<String> failed = chat(first, "openai/fault-500");
        assertThat(failed.statusCode()).as(failed.body()).isGreaterThanOrEqualTo(500);
        send(second, route, 1, 200);
        send(second, direct, 4, 200);
        send(outsider, direct, 2, 200);
    }

    @Test
    void theAnswerPerKeyEqualsTheTrafficAndTheAuditRecords() {
        JsonObject answer = analytics("/admin/analytics?tenant=" + tenant + "&group_by=key&order_by=requests",
                Gateway.ADMIN_KEY);
        assertThat(answer.getString("object")).isEqualTo("analytics");
        assertThat(answer.getJsonArray("group_by").getString(0)).isEqualTo("key");
        assertThat(answer.getInt("groups_total")).isEqualTo(2);
        List<JsonObject> groups = data(answer);
        assertThat(groups).extracting(g -> g.getJsonObject("group").getString("key_id"))
                .containsExactly(first.id(), second.id());
        List<JsonObject> records = records(tenant);
        assertThat(records).hasSize(11);
        JsonObject a = groups.get(0);
        assertThat(a.getInt("requests")).isEqualTo(6);
        assertThat(a.getInt("errors")).isEqualTo(1);
        assertThat(a.getJsonNumber("error_rate").doubleValue()).isEqualTo(1 / 6.0);
        assertThat(groups.get(1).getInt("requests")).isEqualTo(5);
        assertThat(groups.get(1).getInt("errors")).isZero();
        for (JsonObject g : groups) {
            String key = g.getJsonObject("group").getString("key_id");
            matchesRecords(g, records.stream().filter(r -> key.equals(r.getString("key_id"))).toList());
        }
        JsonObject total = answer.getJsonObject("total");
        matchesRecords(total, records);
        assertThat(total.getInt("requests")).isEqualTo(11);
        assertThat(answer.isNull("interval")).isTrue();
        assertThat(a.containsKey("series")).isFalse();
    }

    @Test
    void theRouteGroupsTheRequestsThatNamedItAndFiltersToThem() {
        List<JsonObject> groups = data(analytics("/admin/analytics?tenant=" + tenant + "&group_by=route",
                Gateway.ADMIN_KEY));
        assertThat(groups).extracting(g -> g.getJsonObject("group").getString("route")).containsExactly("", route);
        List<JsonObject> records = records(tenant);
        List<JsonObject> throughRoute = records.stream().filter(r -> route.equals(r.getString("model_requested")))
                .toList();
        assertThat(throughRoute).hasSize(4).allSatisfy(r -> assertThat(r.getString("model_resolved"))
                .isEqualTo(routed));
        matchesRecords(groups.get(1), throughRoute);
        matchesRecords(groups.get(0), records.stream().filter(r -> !throughRoute.contains(r)).toList());
        assertThat(groups.get(0).getInt("requests")).isEqualTo(7);

        List<JsonObject> byModel = data(analytics("/admin/analytics?route=" + route + "&group_by=key,model",
                Gateway.ADMIN_KEY));
        assertThat(byModel).extracting(g -> g.getJsonObject("group").getString("key_id") + " "
                + g.getJsonObject("group").getString("model") + " " + g.getInt("requests"))
                .containsExactlyInAnyOrder(first.id() + " " + routed + " 3", second.id() + " " + routed + " 1");
        // the usage report groups and filters by route too
        List<JsonObject> usage = Gateway.json(gateway.get("/compliance/usage?tenant=" + tenant + "&route=" + route
                + "&group_by=route", Gateway.ADMIN_KEY)).getJsonArray("data").getValuesAs(JsonObject.class);
        assertThat(usage).singleElement().satisfies(r -> {
            assertThat(r.getString("route")).isEqualTo(route);
            assertThat(r.getInt("requests")).isEqualTo(4);
        });
    }

    @Test
    void aSeriesHasAZeroFilledPointPerIntervalThatAddsUpToTheGroup() {
        LocalDateTime hour = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
        JsonObject hourly = analytics("/admin/analytics?tenant=" + tenant + "&group_by=route&interval=hour&from="
                + hour.minusHours(2) + ":00Z&to=" + hour.plusHours(1) + ":00Z", Gateway.ADMIN_KEY);
        assertThat(hourly.getString("interval")).isEqualTo("hour");
        for (JsonObject g : data(hourly)) {
            List<JsonObject> series = g.getJsonArray("series").getValuesAs(JsonObject.class);
            assertThat(series).extracting(p -> p.getString("start")).containsExactly(hour.minusHours(2) + ":00Z",
                    hour.minusHours(1) + ":00Z", hour + ":00Z");
            assertThat(series.get(0).getInt("requests")).isZero();
            assertThat(series.get(0).getJsonObject("latency_ms").isNull("p50")).isTrue();
            assertThat(series.stream().mapToInt(p -> p.getInt("requests")).sum()).isEqualTo(g.getInt("requests"));
            assertThat(series.stream().mapToLong(p -> p.getJsonObject("tokens").getJsonNumber("input").longValue())
                    .sum()).isEqualTo(g.getJsonObject("tokens").getJsonNumber("input").longValue());
        }

        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        LocalDate today = LocalDate.now(tokyo);
        JsonObject daily = analytics("/admin/analytics?tenant=" + tenant + "&interval=day&time_zone=Asia/Tokyo&from="
                + today.minusDays(2) + "&to=" + today.plusDays(1), Gateway.ADMIN_KEY);
        JsonObject all = data(daily).get(0);
        assertThat(all.getJsonObject("group")).isEmpty();
        assertThat(all.getInt("requests")).isEqualTo(11);
        List<JsonObject> days = all.getJsonArray("series").getValuesAs(JsonObject.class);
        assertThat(days).extracting(p -> p.getString("start")).containsExactly(today.minusDays(2) + "T00:00:00+09:00",
                today.minusDays(1) + "T00:00:00+09:00", today + "T00:00:00+09:00");
        assertThat(days.get(0).getInt("requests")).isZero();
        assertThat(days.stream().mapToInt(p -> p.getInt("requests")).sum()).isEqualTo(11);
    }

    @Test
    void theTopKeyBySpendIsOneCallAndTheTotalStillCountsEveryKey() {
        JsonObject top = analytics("/admin/analytics?tenant=" + tenant + "&group_by=key&order_by=cost&limit=1",
                Gateway.ADMIN_KEY);
        assertThat(top.getString("currency")).isEqualTo("USD");
        assertThat(top.getInt("limit")).isEqualTo(1);
        assertThat(top.getInt("groups_total")).isEqualTo(2);
        List<JsonObject> groups = data(top);
        assertThat(groups).singleElement().satisfies(g -> {
            assertThat(g.getJsonObject("group").getString("key_id")).isEqualTo(second.id());
            assertThat(g.getJsonObject("cost").getString("USD")).isEqualTo(cost(records(tenant).stream()
                    .filter(r -> second.id().equals(r.getString("key_id"))).toList()).toPlainString());
        });
        assertThat(top.getJsonObject("total").getInt("requests")).isEqualTo(11);
    }

    @Test
    void aComplianceKeySeesOnlyItsTenant() {
        Keys.Issued officer = Keys.issue(gateway, "analytics-officer", tenant, List.of("compliance"), List.of());
        List<JsonObject> own = data(analytics("/compliance/analytics?group_by=tenant", officer.secret()));
        assertThat(own).singleElement().satisfies(g -> {
            assertThat(g.getJsonObject("group").getString("tenant")).isEqualTo(tenant);
            assertThat(g.getInt("requests")).isEqualTo(11);
        });
        assertThat(data(analytics("/compliance/analytics?group_by=tenant&tenant=" + otherTenant, officer.secret())))
                .isEmpty();
        List<JsonObject> other = data(analytics("/compliance/analytics?group_by=tenant&tenant=" + otherTenant,
                Gateway.ADMIN_KEY));
        assertThat(other).singleElement().satisfies(g -> assertThat(g.getInt("requests")).isEqualTo(2));
        assertThat(gateway.get("/admin/analytics", officer.secret()).statusCode()).isEqualTo(403);
    }

    @Test
    void badQueriesAreRefusedWithAProblemNamingTheParameter() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("/admin/analytics?group_by=key,planet", "group_by");
        refused.put("/admin/analytics?group_by=day", "group_by");
        refused.put("/admin/analytics?interval=week", "interval");
        refused.put("/admin/analytics?interval=hour&from=2026-01-01&to=2026-03-01", "interval");
        refused.put("/admin/analytics?from=2020-01-01&to=2026-01-01", "from");
        refused.put("/admin/analytics?order_by=latency", "order_by");
        refused.put("/admin/analytics?limit=0", "limit");
        refused.put("/admin/analytics?currency=EUR", "currency");
        refused.put("/compliance/analytics?modle=x", "modle");
        refused.forEach((path, param) -> {
            HttpResponse<String> r = gateway.get(path, Gateway.ADMIN_KEY);
            assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("content-type").orElse("")).isEqualTo("application/problem+json");
            assertThat(Gateway.json(r).getString("param")).as(path).isEqualTo(param);
        });
        JsonObject problem = Gateway.json(gateway.get("/admin/analytics?group_by=key,planet", Gateway.ADMIN_KEY));
        assertThat(problem.getInt("status")).isEqualTo(400);
        assertThat(problem.getString("detail")).contains("'planet' is none of them");
    }

    /** The answer's measures equal those of the audit records it summarises. */
    private static void matchesRecords(JsonObject measures, List<JsonObject> records) {
        assertThat(measures.getInt("requests")).isEqualTo(records.size());
        assertThat(measures.getInt("errors")).isEqualTo((int) records.stream()
                .filter(r -> !(r.get("status") instanceof JsonNumber n) || n.intValue() >= 400).count());
        JsonObject tokens = measures.getJsonObject("tokens");
        for (String[] t : new String[][]{{"input", "input_tokens"}, {"output", "output_tokens"},
                {"cached_input", "cached_input_tokens"}, {"cache_write", "cache_write_tokens"},
                {"reasoning", "reasoning_tokens"}}) {
            assertThat(tokens.getJsonNumber(t[0]).longValue()).as(t[0]).isEqualTo(sum(records, t[1]));
        }
        assertThat(tokens.getJsonNumber("total").longValue())
                .isEqualTo(sum(records, "input_tokens") + sum(records, "output_tokens"));
        BigDecimal cost = cost(records);
        if (cost.signum() == 0) {
            assertThat(measures.getJsonObject("cost")).isEmpty();
        } else {
            assertThat(measures.getJsonObject("cost").getString("USD")).isEqualTo(cost.toPlainString());
        }
        assertThat(measures.getInt("unpriced_requests")).isEqualTo((int) records.stream()
                .filter(unpriced()).count());
        JsonObject latency = measures.getJsonObject("latency_ms");
        List<Long> millis = records.stream().map(r -> r.getJsonNumber("latency_ms").longValue()).toList();
        assertThat(latency.getJsonNumber("avg").doubleValue())
                .isEqualTo(tenths(millis.stream().mapToLong(Long::longValue).sum() / (double) millis.size()));
        for (String[] p : new String[][]{{"p50", "0.5"}, {"p90", "0.9"}, {"p95", "0.95"}, {"p99", "0.99"}}) {
            assertThat(latency.getJsonNumber(p[0]).doubleValue()).as(p[0])
                    .isEqualTo(tenths(percentile(millis, Double.parseDouble(p[1]))));
        }
    }

    /** The percentile the histogram method gives for these latencies (see LatencyPercentiles). */
    private static double percentile(List<Long> millis, double q) {
        long[] counts = new long[BOUNDS.length + 1];
        for (long m : millis) {
            int b = 0;
            while (b < BOUNDS.length && m > BOUNDS[b]) {
                b++;
            }
            counts[b]++;
        }
        double rank = q * millis.size();
        long below = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && below + counts[i] >= rank) {
                if (i == BOUNDS.length) {
                    return BOUNDS[BOUNDS.length - 1];
                }
                double lower = i == 0 ? 0 : BOUNDS[i - 1];
                return lower + (BOUNDS[i] - lower) * (rank - below) / counts[i];
            }
            below += counts[i];
        }
        throw new AssertionError("no percentile");
    }

    private static double tenths(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static Predicate<JsonObject> unpriced() {
        return r -> r.get("details") instanceof JsonObject d && d.get("cost") instanceof JsonObject c
                && c.getBoolean("unpriced", false);
    }

    private static BigDecimal cost(List<JsonObject> records) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonObject r : records) {
            if (r.get("details") instanceof JsonObject d && d.get("cost") instanceof JsonObject c
                    && c.containsKey("amount")) {
                assertThat(c.getString("currency")).isEqualTo("USD");
                sum = sum.add(new BigDecimal(c.getString("amount")));
            }
        }
        return sum.signum() == 0 ? BigDecimal.ZERO : sum.stripTrailingZeros();
    }

    private static long sum(List<JsonObject> records, String field) {
        return records.stream().map(r -> r.get(field)).filter(v -> v instanceof JsonNumber)
                .mapToLong(v -> ((JsonNumber) v).longValue()).sum();
    }

    /** The tenant's request records (its completed requests), all of them. */
    private List<JsonObject> records(String tenantId) {
        HttpResponse<String> r = gateway.get("/compliance/audit?tenant=" + tenantId + "&limit=100", Gateway.ADMIN_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonObject> out = new ArrayList<>(Gateway.json(r).getJsonArray("data").getValuesAs(JsonObject.class));
        out.removeIf(o -> !"chat".equals(o.getString("operation", "")));
        return out;
    }

    private JsonObject analytics(String path, String key) {
        HttpResponse<String> r = gateway.get(path, key);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return Gateway.json(r);
    }

    private static List<JsonObject> data(JsonObject answer) {
        return answer.getJsonArray("data").getValuesAs(JsonObject.class);
    }

    private void send(Keys.Issued key, String model, int times, int status) {
        for (int i = 0; i < times; i++) {
            HttpResponse<String> r = chat(key, model);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        }
    }

    private HttpResponse<String> chat(Keys.Issued key, String model) {
        return gateway.post("/v1/chat/completions", key.secret(), "{\"model\":\"" + model + "\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"how many tokens is this?\"}]}");
    }
}
