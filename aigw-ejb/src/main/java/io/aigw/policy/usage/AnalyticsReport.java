package io.aigw.policy.usage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An analytics answer: the groups (ranked and limited as asked, each with its zero-filled series), the total over
 * every group, how many groups there were before the limit, and the currency cost ranked by.
 *
 * @param groups       the groups answered
 * @param total        the totals over every group, the ones past the limit included
 * @param groupsTotal  how many groups there were before the limit
 * @param rankCurrency the currency the groups were ranked by cost in, or {@code null}
 */
public record AnalyticsReport(List<AnalyticsGroup> groups, UsageTotals total, int groupsTotal, String rankCurrency) {

    public AnalyticsReport {
        groups = List.copyOf(groups);
    }

    /**
     * Shapes a usage report's rows (grouped by the query's dimensions and, with an interval, its time dimension)
     * into the answer: folds each group's points, fills the intervals without requests with zeros, ranks, limits.
     */
    static AnalyticsReport of(List<UsageRow> rows, AnalyticsQuery q) throws AnalyticsQuery.Refused {
        String timeField = q.interval() == null ? null : q.interval().dimension().field();
        Map<Map<String, String>, Folded> folded = new LinkedHashMap<>();
        UsageTotals total = new UsageTotals();
        for (UsageRow row : rows) {
            Map<String, String> group = new LinkedHashMap<>(row.group());
            String point = timeField == null ? null : group.remove(timeField);
            Folded f = folded.computeIfAbsent(group, g -> new Folded());
            f.totals.add(row.totals());
            if (point != null) {
                f.points.computeIfAbsent(point, p -> new UsageTotals()).add(row.totals());
            }
            total.add(row.totals());
        }
        if (q.groupBy().isEmpty() && folded.isEmpty()) {
            folded.put(Map.of(), new Folded()); // one total, however empty
        }
        List<Map.Entry<Map<String, String>, Folded>> ranked = new ArrayList<>(folded.entrySet());
        String currency = null;
        if (q.orderBy() != null) {
            currency = q.orderBy() == AnalyticsOrder.COST ? rankCurrency(q, total) : null;
            String by = currency;
            // stable: groups that rank equal keep the groups' own (ascending) order
            ranked.sort(Comparator.comparingLong(
                    (Map.Entry<Map<String, String>, Folded> e) -> q.orderBy().value(e.getValue().totals, by))
                    .reversed());
        }
        int answered = q.limit() == null ? ranked.size() : Math.min(q.limit(), ranked.size());
        List<AnalyticsInterval.Point> points = q.interval() == null ? List.of()
                : q.interval().points(q.from(), q.to(), q.zone());
        long pointCount = (long) answered * points.size();
        if (pointCount > AnalyticsQuery.MAX_POINTS) {
            throw new AnalyticsQuery.Refused("limit", "The answer would hold " + pointCount + " series points, more "
                    + "than " + AnalyticsQuery.MAX_POINTS + ": use 'limit', a coarser interval or a shorter range.");
        }
        List<AnalyticsGroup> groups = new ArrayList<>(answered);
        for (Map.Entry<Map<String, String>, Folded> e : ranked.subList(0, answered)) {
            List<AnalyticsPoint> series = new ArrayList<>(points.size());
            for (AnalyticsInterval.Point p : points) {
                UsageTotals t = e.getValue().points.get(p.key());
                series.add(new AnalyticsPoint(p.start(), t == null ? new UsageTotals() : t));
            }
            groups.add(new AnalyticsGroup(e.getKey(), e.getValue().totals, series));
        }
        return new AnalyticsReport(groups, total, folded.size(), currency);
    }

    /** The currency to rank by cost in: the one asked for, else the only one charged; refused if several were. */
    private static String rankCurrency(AnalyticsQuery q, UsageTotals total) throws AnalyticsQuery.Refused {
        if (q.currency() != null) {
            return q.currency();
        }
        TreeSet<String> charged = new TreeSet<>(total.costNanos().keySet());
        if (charged.size() > 1) {
            throw new AnalyticsQuery.Refused("currency", "The groups were charged in " + String.join(", ", charged)
                    + ": name the currency to rank by cost in with 'currency'.");
        }
        return charged.isEmpty() ? null : charged.first();
    }

    /** A group's totals and its totals per point, while the rows are folded. */
    private static final class Folded {
        final UsageTotals totals = new UsageTotals();
        final Map<String, UsageTotals> points = new LinkedHashMap<>();
    }
}
