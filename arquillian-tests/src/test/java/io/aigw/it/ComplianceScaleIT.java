package io.aigw.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.it.support.Gateway;
import io.aigw.it.support.Keys;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The compliance API over a trail of {@code aigw.it.audit.records} generated records (bulk-loaded into the server's
 * data folder before it started, node {@code bulk-loader}: tenants {@code tenant-00..19}, keys {@code key-000..199}
 * ten per tenant, principals {@code app-000..199}, over the 30 days before the build) plus what the tests send: cursor
 * walks, every filter, streaming export, formula defusing, usage that equals the records, tenant scoping, bad queries.
 */
class ComplianceScaleIT extends GatewayIT {

    private static final String CHAT = "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hi\"}]}";
    private static final String ALL_TIME = "from=" + Instant.now().minus(40, ChronoUnit.DAYS) + "&to="
            + Instant.now().plus(1, ChronoUnit.DAYS);

    @Test
    void aCursorWalkReadsEachOfAKeysRecordsOnceNewestFirstAndMatchesTheTotal() {
        JsonObject first = page("key_id=key-031&limit=100&total=true");
        long total = first.getJsonNumber("total").longValue();
        assertThat(first.getBoolean("total_exact")).isTrue();
        assertThat(total).isBetween(300L, 800L);
        List<JsonObject> walked = walk("key_id=key-031&limit=100");
        assertThat(walked).hasSize((int) total);
        assertThat(walked.stream().map(r -> r.getString("id")).distinct().count()).isEqualTo(total);
        assertThat(walked).allSatisfy(r -> assertThat(r.getString("key_id")).isEqualTo("key-031"));
        for (int i = 1; i < walked.size(); i++) {
            assertThat(walked.get(i).getString("occurred_at"))
                    .isLessThanOrEqualTo(walked.get(i - 1).getString("occurred_at"));
        }
    }

    @Test
    void everyFilterReturnsOnlyTheRecordsItNames() {
        Map<String, Predicate<JsonObject>> filters = new LinkedHashMap<>();
        filters.put("tenant=tenant-07", r -> r.getString("tenant").equals("tenant-07"));
        filters.put("principal=app-155", r -> r.getString("principal").equals("app-155"));
        filters.put("model=gemini/gemini-2.0-flash", r -> r.getString("model_resolved").equals("gemini/gemini-2.0-flash"));
        filters.put("model_requested=anthropic/claude-sonnet-4",
                r -> r.getString("model_requested").equals("anthropic/claude-sonnet-4"));
        filters.put("model_resolved=openai/gpt-4o", r -> r.getString("model_resolved").equals("openai/gpt-4o"));
        filters.put("connection=bedrock", r -> r.getString("connection").equals("bedrock"));
        filters.put("status=429", r -> r.getInt("status") == 429);
        filters.put("status=5xx", r -> r.getInt("status") >= 500 && r.getInt("status") <= 599);
        filters.put("error_code=invalid_request", r -> r.getString("error_code").equals("invalid_request"));
        filters.put("operation=embeddings", r -> r.getString("operation").equals("embeddings"));
        filters.put("stream=true", r -> r.getBoolean("stream"));
        filters.put("state=completed", r -> r.getString("state").equals("completed"));
        String since = Instant.now().minus(3, ChronoUnit.DAYS).toString();
        filters.put("from=" + since, r -> r.getString("occurred_at").compareTo(since) >= 0);
        filters.put("tenant=tenant-02&operation=chat&status=200&stream=false", r -> r.getString("tenant")
                .equals("tenant-02") && r.getString("operation").equals("chat") && r.getInt("status") == 200
                && !r.getBoolean("stream"));
        filters.forEach((query, matches) -> {
            List<JsonObject> rows = rows(page(query + "&limit=200"));
            assertThat(rows).as(query).hasSize(200);
            assertThat(rows).as(query).allMatch(matches);
        });
        String until = Instant.now().minus(29, ChronoUnit.DAYS).toString();
        List<JsonObject> old = rows(page("to=" + until + "&limit=50"));
        assertThat(old).isNotEmpty().allSatisfy(r -> assertThat(r.getString("occurred_at")).isLessThan(until));
    }

    @Test
    void theExportStreamsEveryMatchingRecordAsJsonLinesAndCsvInTheListsOrder() {
        long total = page("tenant=tenant-13&" + ALL_TIME + "&limit=1&total=true").getJsonNumber("total").longValue();
        assertThat(total).isBetween(4000L, 6000L);
        HttpResponse<String> jsonl = gateway.get("/compliance/audit/export?format=jsonl&tenant=tenant-13&" + ALL_TIME,
                Gateway.ADMIN_KEY);
        assertThat(jsonl.statusCode()).as(jsonl.body()).isEqualTo(200);
        assertThat(jsonl.headers().firstValue("content-type").orElse("")).startsWith("application/x-ndjson");
        assertThat(jsonl.body()).endsWith("\n");
        List<String> ids = new ArrayList<>();
        for (String line : jsonl.body().split("\n")) {
            JsonObject r = Gateway.json(line);
            assertThat(r.getString("tenant")).isEqualTo("tenant-13");
            ids.add(r.getString("id"));
        }
        assertThat(ids).hasSize((int) total).doesNotHaveDuplicates();
        // who exported what is on record too
        assertThat(audit.row(Gateway.requestId(jsonl)).getJsonObject("details").getString("query"))
                .isEqualTo("format=jsonl&tenant=tenant-13&" + ALL_TIME);

        HttpResponse<String> csv = gateway.get("/compliance/audit/export?format=csv&tenant=tenant-13&" + ALL_TIME,
                Gateway.ADMIN_KEY);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("content-disposition").orElse("")).contains("aigw-audit.csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("id,node_id,chain_seq,occurred_at,key_id,tenant,principal,");
        assertThat(lines).hasSize((int) total + 1);
        for (int i = 1; i < lines.length; i++) {
            assertThat(lines[i].substring(0, lines[i].indexOf(','))).isEqualTo(ids.get(i - 1));
        }
    }

    @Test
    void csvCellsThatSpreadsheetsWouldRunAreDefused() {
        String tenant = "formula-" + UUID.randomUUID();
        Keys.Issued eq = Keys.issue(gateway, "=HYPERLINK(\"http://evil.example\",\"x\")", tenant, List.of(), List.of());
        Keys.Issued at = Keys.issue(gateway, "@SUM(1+1)", tenant, List.of(), List.of());
        Keys.Issued plus = Keys.issue(gateway, "+cmd|' /C calc'!A0", tenant, List.of(), List.of());
        for (Keys.Issued k : List.of(eq, at, plus)) {
            assertThat(gateway.post("/v1/chat/completions", k.secret(), CHAT).statusCode()).isEqualTo(200);
        }
        String body = gateway.get("/compliance/audit/export?format=csv&tenant=" + tenant, Gateway.ADMIN_KEY).body();
        String[] lines = body.split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[1]).contains(",'+cmd|' /C calc'!A0,");
        assertThat(lines[2]).contains(",'@SUM(1+1),");
        assertThat(lines[3]).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",");
    }

    @Test
    void usageSumsEqualTheRecordsTheySummarise() {
        JsonObject usage = Gateway.json(gateway.get("/compliance/usage?tenant=tenant-11&group_by=key&" + ALL_TIME,
                Gateway.ADMIN_KEY));
        assertThat(usage.getString("object")).isEqualTo("usage");
        List<JsonObject> rows = rows(usage);
        assertThat(rows).extracting(r -> r.getString("key_id")).containsExactly("key-110", "key-111", "key-112",
                "key-113", "key-114", "key-115", "key-116", "key-117", "key-118", "key-119");
        for (JsonObject row : rows) {
            long records = page("key_id=" + row.getString("key_id") + "&" + ALL_TIME + "&limit=1&total=true")
                    .getJsonNumber("total").longValue();
            assertThat(row.getJsonNumber("requests").longValue()).as(row.getString("key_id")).isEqualTo(records);
        }
        List<JsonObject> exported = jsonLines(gateway.get("/compliance/audit/export?format=jsonl&key_id=key-113&"
                + ALL_TIME, Gateway.ADMIN_KEY).body());
        JsonObject key113 = rows.get(3);
        assertThat(key113.getJsonNumber("input_tokens").longValue()).isEqualTo(sum(exported, "input_tokens"));
        assertThat(key113.getJsonNumber("output_tokens").longValue()).isEqualTo(sum(exported, "output_tokens"));
        assertThat(key113.getJsonNumber("cached_input_tokens").longValue())
                .isEqualTo(sum(exported, "cached_input_tokens"));
        assertThat(key113.getJsonNumber("errors").longValue())
                .isEqualTo(exported.stream().filter(r -> r.getInt("status") >= 400).count());
        assertThat(key113.getJsonNumber("latency_ms_sum").longValue()).isEqualTo(sum(exported, "latency_ms"));
    }

    @Test
    void aRequestAnsweredNowIsInTheUsageOfItsHourAndDay() {
        String tenant = "usage-" + UUID.randomUUID();
        Keys.Issued user = Keys.issue(gateway, "usage-app", tenant, List.of(), List.of());
        List<JsonObject> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            records.add(audit.row(Gateway.requestId(gateway.post("/v1/chat/completions", user.secret(), CHAT))));
        }
        JsonObject usage = Gateway.json(gateway.get("/compliance/usage?key_id=" + user.id()
                + "&group_by=tenant,model,day&time_zone=Asia/Tokyo", Gateway.ADMIN_KEY));
        List<JsonObject> rows = rows(usage);
        assertThat(rows).hasSize(1);
        JsonObject row = rows.get(0);
        assertThat(row.getString("tenant")).isEqualTo(tenant);
        assertThat(row.getString("model")).isEqualTo(records.get(0).getString("model_resolved"));
        assertThat(row.getString("day")).isEqualTo(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"))
                .toString());
        assertThat(row.getJsonNumber("requests").longValue()).isEqualTo(3);
        assertThat(row.getJsonNumber("input_tokens").longValue()).isEqualTo(sum(records, "input_tokens"));
        assertThat(row.getJsonNumber("output_tokens").longValue()).isEqualTo(sum(records, "output_tokens"));
        assertThat(row.getJsonObject("latency_ms_histogram").values().stream()
                .mapToLong(v -> ((jakarta.json.JsonNumber) v).longValue()).sum()).isEqualTo(3);
    }

    @Test
    void aComplianceKeyReadsOnlyItsTenantsUsageAndExport() {
        Keys.Issued officer = Keys.issue(gateway, "officer-04", "tenant-04", List.of("compliance"), List.of());
        List<JsonObject> usage = rows(Gateway.json(gateway.get("/compliance/usage?group_by=tenant&" + ALL_TIME,
                officer.secret())));
        assertThat(usage).extracting(r -> r.getString("tenant")).containsExactly("tenant-04");
        assertThat(rows(Gateway.json(gateway.get("/compliance/usage?tenant=tenant-05&group_by=tenant&" + ALL_TIME,
                officer.secret())))).isEmpty();
        List<JsonObject> exported = jsonLines(gateway.get("/compliance/audit/export?format=jsonl&status=5xx&"
                + ALL_TIME, officer.secret()).body());
        assertThat(exported).isNotEmpty().allSatisfy(r -> assertThat(r.getString("tenant")).isEqualTo("tenant-04"));
        long own = page("tenant=tenant-04&status=5xx&" + ALL_TIME + "&limit=1&total=true").getJsonNumber("total")
                .longValue();
        assertThat(exported).hasSize((int) own);
    }

    @Test
    void badQueriesAreRefusedNamingTheParameter() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("/compliance/audit?tenat=acme", "tenat");
        refused.put("/compliance/audit?tenant=a&tenant=b", "tenant");
        refused.put("/compliance/audit?cursor=bm90LWEtY3Vyc29y", "cursor");
        refused.put("/compliance/audit?offset=10001", "offset");
        refused.put("/compliance/audit?limit=0", "limit");
        refused.put("/compliance/audit?status=abc", "status");
        refused.put("/compliance/audit?state=lost", "state");
        refused.put("/compliance/audit?stream=yes", "stream");
        refused.put("/compliance/audit?from=yesterday", "from");
        refused.put("/compliance/audit/export", "format");
        refused.put("/compliance/audit/export?format=xlsx", "format");
        refused.put("/compliance/usage?group_by=tenant,planet", "group_by");
        refused.put("/compliance/usage?time_zone=Mars/Olympus", "time_zone");
        refused.put("/compliance/usage?from=2026-12-02&to=2026-12-01", "to");
        refused.put("/compliance/usage?from=2020-01-01&to=2026-01-01", "from");
        refused.forEach((path, param) -> {
            HttpResponse<String> r = gateway.get(path, Gateway.ADMIN_KEY);
            assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("content-type").orElse("")).isEqualTo("application/problem+json");
            assertThat(Gateway.json(r).getString("param")).as(path).isEqualTo(param);
        });
    }

    private JsonObject page(String query) {
        HttpResponse<String> r = gateway.get("/compliance/audit?" + query, Gateway.ADMIN_KEY);
        assertThat(r.statusCode()).as(query + " " + r.body()).isEqualTo(200);
        return Gateway.json(r);
    }

    private List<JsonObject> walk(String query) {
        List<JsonObject> out = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        do {
            JsonObject page = page(query + (cursor == null ? "" : "&cursor="
                    + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            out.addAll(rows(page));
            cursor = page.isNull("next_cursor") ? null : page.getString("next_cursor");
            assertThat(cursor == null || cursors.add(cursor)).isTrue();
        } while (cursor != null);
        return out;
    }

    private static List<JsonObject> rows(JsonObject body) {
        return body.getJsonArray("data").getValuesAs(JsonObject.class);
    }

    private static List<JsonObject> jsonLines(String body) {
        List<JsonObject> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isEmpty()) {
                out.add(Gateway.json(line));
            }
        }
        return out;
    }

    private static long sum(List<JsonObject> rows, String field) {
        return rows.stream().filter(r -> r.containsKey(field) && !r.isNull(field))
                .mapToLong(r -> r.getJsonNumber(field).longValue()).sum();
    }
}
