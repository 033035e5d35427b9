package io.aigw.policy.usage;

import java.time.OffsetDateTime;

/**
 * One point of a group's time series: its totals over one interval (all zero for an interval without requests).
 *
 * @param start  when the interval starts, in the report's time zone
 * @param totals the group's totals over it
 */
public record AnalyticsPoint(OffsetDateTime start, UsageTotals totals) {
}
