package io.aigw.policy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.policy.usage.UsageDimension;
import io.aigw.policy.usage.UsageQuery;
import io.aigw.policy.usage.UsageRow;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The usage aggregate store, written by the audit group commit: its sums equal the records they summarise, and a
 * report folds hours into days in a time zone (Derby and PostgreSQL, see the subclasses).
 */
abstract class AuditUsageTest {

    private AuditDatabase audit;
    private UsageQuery usage;

    @BeforeEach
    void open() throws Exception {
        audit = database("node-u");
        usage = new UsageQuery();
        java.lang.reflect.Field f = UsageQuery.class.getDeclaredField("dataSource");
        f.setAccessible(true);
        f.set(usage, audit.dataSource());
    }

    /** A new, migrated database with node {@code node}'s store and writer. */
    abstract AuditDatabase database(String node) throws java.sql.SQLException;

    @AfterEach
    void close() {
        audit.close();
    }

    @Test
    void theAggregatesEqualTheRecordsTheySummarise() throws Exception {
        Random random = new Random(7);
        LocalDateTime start = LocalDateTime.of(2026, 11, 30, 20, 0);
        List<AuditWriter.Pending> pending = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String id = "u" + i;
            LocalDateTime at = start.plusMinutes(random.nextInt(8 * 60));
            AuditRecord accepted = DerbyAudit.event(AuditRecords.ACCEPTED, id, at);
            AuditRecord outcome = DerbyAudit.event(AuditRecords.OUTCOME, id, at);
            outcome.caller("key_" + random.nextInt(3), "tenant-" + random.nextInt(2));
            int status = random.nextInt(10) == 0 ? 502 : 200;
            outcome.outcome(status, status == 200 ? null : "upstream_error", null);
            outcome.usage(random.nextInt(500), random.nextInt(200), random.nextInt(50), random.nextInt(5),
                    random.nextInt(30), random.nextBoolean());
            outcome.timing(random.nextInt(3000), null, "stop");
            pending.add(audit.writer().enqueue(accepted));
            pending.add(audit.writer().enqueue(outcome));
        }
        for (AuditWriter.Pending p : pending) {
            audit.writer().await(p);
        }

        String fromRecords = "SELECT TENANT, KEY_ID, COUNT(*), SUM(CASE WHEN HTTP_STATUS >= 400 THEN 1 ELSE 0 END), "
                + "SUM(INPUT_TOKENS), SUM(OUTPUT_TOKENS), SUM(CACHED_INPUT_TOKENS), SUM(CACHE_WRITE_TOKENS), "
                + "SUM(REASONING_TOKENS), SUM(CASE WHEN USAGE_ESTIMATED THEN 1 ELSE 0 END), SUM(LATENCY_MS) "
                + "FROM AIGW_AUDIT WHERE EVENT_TYPE = 'outcome' GROUP BY TENANT, KEY_ID ORDER BY TENANT, KEY_ID";
        String fromAggregates = "SELECT TENANT, KEY_ID, SUM(REQUESTS), SUM(ERRORS), SUM(INPUT_TOKENS), "
                + "SUM(OUTPUT_TOKENS), SUM(CACHED_INPUT_TOKENS), SUM(CACHE_WRITE_TOKENS), SUM(REASONING_TOKENS), "
                + "SUM(ESTIMATED), SUM(LATENCY_MS_SUM) FROM AIGW_USAGE_HOURLY GROUP BY TENANT, KEY_ID "
                + "ORDER BY TENANT, KEY_ID";
        List<String> expected = rows(fromRecords);
        assertThat(expected).hasSize(6);
        assertThat(rows(fromAggregates)).containsExactlyElementsOf(expected);
        // 8 hours from 20:00 UTC: Paris (UTC+1) days are 21:00-21:00 UTC; no bucket is lost or counted twice
        List<UsageRow> days = usage.report(start, start.plusHours(8), null, null, null, null,
                EnumSet.of(UsageDimension.DAY), ZoneId.of("Europe/Paris"));
        assertThat(days).extracting(r -> r.group().get("day")).containsExactly("2026-11-30", "2026-12-01");
        assertThat(days.get(0).totals().requests() + days.get(1).totals().requests()).isEqualTo(600);
        assertThat(days.get(0).totals().requests()).isEqualTo(count("OCCURRED_AT < {ts '2026-11-30 23:00:00'}"));
        List<UsageRow> scoped = usage.report(start, start.plusHours(8), "tenant-1", null, null, null,
                EnumSet.of(UsageDimension.TENANT, UsageDimension.KEY), ZoneOffset.UTC);
        assertThat(scoped).allSatisfy(r -> assertThat(r.group().get("tenant")).isEqualTo("tenant-1"));
        assertThat(scoped).extracting(r -> r.group().get("key_id")).containsExactly("key_0", "key_1", "key_2");
        long histogram = days.stream().flatMap(r -> r.totals().latencyHistogram().values().stream())
                .mapToLong(Long::longValue).sum();
        assertThat(histogram).isEqualTo(600);
    }

    @Test
    void costsAreAddedUpPerCurrencyAndUnpricedUseIsCountedNeverAsZero() throws Exception {
        LocalDateTime start = LocalDateTime.of(2026, 12, 1, 9, 0);
        List<AuditWriter.Pending> pending = new ArrayList<>();
        long usd = 0;
        long eur = 0;
        for (int i = 0; i < 300; i++) {
            AuditRecord outcome = DerbyAudit.event(AuditRecords.OUTCOME, "c" + i, start.plusMinutes(i % 120));
            switch (i % 3) {
                case 0 -> outcome.unpriced();
                case 1 -> {
                    outcome.cost("USD", 1_000 + i);
                    usd += 1_000 + i;
                }
                default -> {
                    outcome.cost("EUR", 7L * i);
                    eur += 7L * i;
                }
            }
            pending.add(audit.writer().enqueue(outcome));
        }
        for (AuditWriter.Pending p : pending) {
            audit.writer().await(p);
        }
        List<UsageRow> total = usage.report(start, start.plusHours(3), null, null, null, null,
                EnumSet.noneOf(UsageDimension.class), ZoneOffset.UTC);
        assertThat(total).singleElement().satisfies(r -> {
            assertThat(r.totals().requests()).isEqualTo(300);
            assertThat(r.totals().unpriced()).isEqualTo(100);
        });
        assertThat(total.get(0).totals().costNanos()).containsExactly(java.util.Map.entry("EUR", eur),
                java.util.Map.entry("USD", usd));
        List<UsageRow> hours = usage.report(start, start.plusHours(3), null, null, null, null,
                EnumSet.of(UsageDimension.HOUR), ZoneOffset.UTC);
        assertThat(hours).hasSize(2);
        assertThat(hours.stream().mapToLong(r -> r.totals().costNanos().get("USD")).sum()).isEqualTo(usd);
    }

    @Test
    void usageIsCountedByTheRouteNamedAndAnalyticsFillsTheHoursWithoutRequests() throws Exception {
        LocalDateTime start = LocalDateTime.of(2026, 12, 2, 10, 0);
        List<AuditWriter.Pending> pending = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // 20 through the route 'fast' and 10 direct in hour 10, then 5 through the route in hour 12
            AuditRecord outcome = DerbyAudit.event(AuditRecords.OUTCOME, "r" + i,
                    i < 25 ? start.plusMinutes(i) : start.plusHours(2).plusMinutes(i));
            outcome.caller("key_r", "tenant-r");
            if (i % 3 != 0 || i >= 25) {
                outcome.route("fast");
            }
            outcome.outcome(i % 5 == 0 ? 502 : 200, i % 5 == 0 ? "upstream_error" : null, null);
            outcome.usage(10, 2, 0, 0, 0, false);
            pending.add(audit.writer().enqueue(outcome));
        }
        for (AuditWriter.Pending p : pending) {
            audit.writer().await(p);
        }
        long routed = java.util.stream.IntStream.range(0, 30).filter(i -> i % 3 != 0 || i >= 25).count(); // 21
        assertThat(rows("SELECT ROUTE, SUM(REQUESTS) FROM AIGW_USAGE_HOURLY WHERE TENANT = 'tenant-r' GROUP BY ROUTE "
                + "ORDER BY ROUTE")).containsExactly("|" + (30 - routed) + "|", "fast|" + routed + "|");

        io.aigw.policy.usage.AnalyticsReport report = usage.analytics(new io.aigw.policy.usage.AnalyticsQuery(start,
                start.plusHours(4), ZoneOffset.UTC, new io.aigw.policy.usage.UsageFilter(null, "tenant-r", null,
                null, null), EnumSet.of(UsageDimension.ROUTE), io.aigw.policy.usage.AnalyticsInterval.HOUR,
                io.aigw.policy.usage.AnalyticsOrder.REQUESTS, null, null));
        assertThat(report.groupsTotal()).isEqualTo(2);
        assertThat(report.groups()).extracting(g -> g.group().get("route")).containsExactly("fast", "");
        assertThat(report.groups().get(0).totals().requests()).isEqualTo(routed);
        assertThat(report.groups().get(0).series()).extracting(p -> p.totals().requests())
                .containsExactly(routed - 5, 0L, 5L, 0L);
        assertThat(report.groups().get(1).series()).extracting(p -> p.totals().requests())
                .containsExactly(30 - routed, 0L, 0L, 0L);
        assertThat(report.total().requests()).isEqualTo(30);
        assertThat(report.total().errors()).isEqualTo(6);
        assertThat(report.total().inputTokens()).isEqualTo(300);
        List<UsageRow> direct = usage.report(start, start.plusHours(4), new io.aigw.policy.usage.UsageFilter(null,
                null, null, null, ""), EnumSet.of(UsageDimension.TENANT), ZoneOffset.UTC);
        assertThat(direct).filteredOn(r -> r.group().get("tenant").equals("tenant-r")).singleElement()
                .satisfies(r -> assertThat(r.totals().requests()).isEqualTo(30 - routed));
    }

    private long count(String where) throws Exception {
        return audit.count("EVENT_TYPE = 'outcome' AND " + where);
    }

    private List<String> rows(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = audit.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    sb.append(rs.getString(i)).append('|');
                }
                out.add(sb.toString());
            }
        }
        return out;
    }
}
