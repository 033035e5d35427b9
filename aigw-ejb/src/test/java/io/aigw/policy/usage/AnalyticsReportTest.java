package io.aigw.policy.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Usage rows shaped into analytics: folded per group, zero-filled per interval, ranked, limited and bounded. */
class AnalyticsReportTest {

    private static final LocalDateTime FROM = LocalDateTime.of(2026, 12, 1, 0, 0);

    private static UsageRow row(String model, String day, int requests, int errors, String currency, long cost) {
        UsageTotals t = new UsageTotals();
        for (int i = 0; i < requests; i++) {
            t.add(i < errors ? 502 : 200, false, false, 10, 5, 0, 0, 0, 50);
            if (currency != null) {
                t.addCost(currency, cost / requests);
            }
        }
        return new UsageRow(day == null ? Map.of("model", model) : Map.of("model", model, "day", day), t);
    }

    private static AnalyticsQuery query(AnalyticsInterval interval, AnalyticsOrder order, String currency,
                                        Integer limit, int days) {
        return new AnalyticsQuery(FROM, FROM.plusDays(days), ZoneOffset.UTC, UsageFilter.NONE,
                EnumSet.of(UsageDimension.MODEL), interval, order, currency, limit);
    }

    @Test
    void eachGroupGetsAPointForEveryDayZeroFilled() throws Exception {
        List<UsageRow> rows = List.of(row("a", "2026-12-01", 3, 1, null, 0), row("a", "2026-12-03", 2, 0, null, 0),
                row("b", "2026-12-02", 4, 0, null, 0));
        AnalyticsReport report = AnalyticsReport.of(rows, query(AnalyticsInterval.DAY, null, null, null, 4));
        assertThat(report.groups()).extracting(g -> g.group().get("model")).containsExactly("a", "b");
        AnalyticsGroup a = report.groups().get(0);
        assertThat(a.totals().requests()).isEqualTo(5);
        assertThat(a.totals().errors()).isEqualTo(1);
        assertThat(a.series()).extracting(p -> p.start().toString())
                .containsExactly("2026-12-01T00:00Z", "2026-12-02T00:00Z", "2026-12-03T00:00Z", "2026-12-04T00:00Z");
        assertThat(a.series()).extracting(p -> p.totals().requests()).containsExactly(3L, 0L, 2L, 0L);
        assertThat(report.groups().get(1).series()).extracting(p -> p.totals().requests())
                .containsExactly(0L, 4L, 0L, 0L);
        assertThat(a.series().get(1).totals().latencyPercentile(0.5)).isNull();
        assertThat(report.total().requests()).isEqualTo(9);
        assertThat(report.groupsTotal()).isEqualTo(2);
    }

    @Test
    void withoutAnIntervalThereIsNoSeriesAndWithoutGroupsOneTotalHoweverEmpty() throws Exception {
        AnalyticsReport report = AnalyticsReport.of(List.of(row("a", null, 2, 0, null, 0)),
                query(null, null, null, null, 1));
        assertThat(report.groups()).singleElement().satisfies(g -> assertThat(g.series()).isEmpty());
        AnalyticsQuery ungrouped = new AnalyticsQuery(FROM, FROM.plusHours(3), ZoneOffset.UTC, UsageFilter.NONE,
                EnumSet.noneOf(UsageDimension.class), AnalyticsInterval.HOUR, null, null, null);
        AnalyticsReport empty = AnalyticsReport.of(List.of(), ungrouped);
        assertThat(empty.groups()).singleElement().satisfies(g -> {
            assertThat(g.group()).isEmpty();
            assertThat(g.series()).hasSize(3).allSatisfy(p -> assertThat(p.totals().requests()).isZero());
        });
    }

    @Test
    void theTopGroupsByCostComeFirstAndTheLimitKeepsThemWhileTheTotalCountsAll() throws Exception {
        List<UsageRow> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add(row("m" + (char) ('a' + i), null, 1 + i % 4, 0, "EUR", 1_000_000L * ((i * 7) % 12)));
        }
        AnalyticsReport top = AnalyticsReport.of(rows, query(null, AnalyticsOrder.COST, null, 3, 1));
        assertThat(top.rankCurrency()).isEqualTo("EUR");
        // cost 1e6 * (7i mod 12): i=5 -> 11, i=10 -> 10, i=3 -> 9
        assertThat(top.groups()).extracting(g -> g.group().get("model")).containsExactly("mf", "mk", "md");
        assertThat(top.groupsTotal()).isEqualTo(12);
        assertThat(top.total().requests()).isEqualTo(rows.stream().mapToLong(r -> r.totals().requests()).sum());
        // equal values keep the groups' own order
        AnalyticsReport byRequests = AnalyticsReport.of(rows, query(null, AnalyticsOrder.REQUESTS, null, 4, 1));
        assertThat(byRequests.groups()).extracting(g -> g.group().get("model"))
                .containsExactly("md", "mh", "ml", "mc");
    }

    @Test
    void rankingByCostWithSeveralCurrenciesNeedsOne() throws Exception {
        List<UsageRow> rows = List.of(row("a", null, 1, 0, "EUR", 5), row("b", null, 1, 0, "USD", 9),
                row("c", null, 1, 0, "EUR", 7));
        assertThatThrownBy(() -> AnalyticsReport.of(rows, query(null, AnalyticsOrder.COST, null, null, 1)))
                .isInstanceOfSatisfying(AnalyticsQuery.Refused.class,
                        e -> assertThat(e.parameter()).isEqualTo("currency"));
        AnalyticsReport eur = AnalyticsReport.of(rows, query(null, AnalyticsOrder.COST, "EUR", null, 1));
        assertThat(eur.groups()).extracting(g -> g.group().get("model")).containsExactly("c", "a", "b");
    }

    @Test
    void queriesOutsideTheBoundsAreRefusedNamingTheParameter() {
        assertThat(refusal(query(AnalyticsInterval.HOUR, null, null, null, 32))).isEqualTo("interval");
        assertThat(refusal(query(AnalyticsInterval.DAY, null, null, null, 401))).isEqualTo("from");
        assertThat(refusal(query(null, AnalyticsOrder.REQUESTS, "EUR", null, 1))).isEqualTo("currency");
        assertThat(refusal(query(null, null, null, AnalyticsQuery.MAX_LIMIT + 1, 1))).isEqualTo("limit");
        assertThat(refusal(query(AnalyticsInterval.DAY, null, null, 1000, 200))).isEqualTo("limit");
        assertThat(refusal(new AnalyticsQuery(FROM, FROM, ZoneOffset.UTC, UsageFilter.NONE,
                EnumSet.noneOf(UsageDimension.class), null, null, null, null))).isEqualTo("to");
        assertThat(refusal(new AnalyticsQuery(FROM, FROM.plusDays(1), ZoneOffset.UTC, UsageFilter.NONE,
                EnumSet.of(UsageDimension.DAY), null, null, null, null))).isEqualTo("group_by");
        assertThat(refusal(query(AnalyticsInterval.HOUR, null, null, 10, 31))).isNull();
    }

    @Test
    void anAnswerWithTooManyPointsIsRefused() {
        List<UsageRow> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(row("m" + i, "2026-12-01", 1, 0, null, 0));
        }
        assertThatThrownBy(() -> AnalyticsReport.of(rows, query(AnalyticsInterval.DAY, null, null, null, 400)))
                .isInstanceOfSatisfying(AnalyticsQuery.Refused.class,
                        e -> assertThat(e.parameter()).isEqualTo("limit"));
    }

    private static String refusal(AnalyticsQuery q) {
        try {
            q.check();
            return null;
        } catch (AnalyticsQuery.Refused e) {
            return e.parameter();
        }
    }
}
