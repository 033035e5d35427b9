package io.aigw.policy.usage;

import java.util.List;
import java.util.Map;

/**
 * One group of an analytics report.
 *
 * @param group  the values of the dimensions grouped by, by field name ({@code tenant}, {@code key_id},
 *               {@code model}, {@code route}, {@code operation}); empty when not grouped
 * @param totals its totals over the whole range
 * @param series its totals per interval, one point per interval of the range (empty without an interval)
 */
public record AnalyticsGroup(Map<String, String> group, UsageTotals totals, List<AnalyticsPoint> series) {

    public AnalyticsGroup {
        group = Map.copyOf(group);
        series = List.copyOf(series);
    }
}
