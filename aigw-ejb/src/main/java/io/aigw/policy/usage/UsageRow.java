package io.aigw.policy.usage;

import java.util.Map;

/**
 * One group of a usage report: the values of the dimensions grouped by (by field name: {@code tenant},
 * {@code key_id}, {@code model}, {@code route}, {@code operation}, {@code day} as an ISO date in the report's time
 * zone, {@code hour} as an ISO UTC time) and its totals.
 */
public record UsageRow(Map<String, String> group, UsageTotals totals) {

    public UsageRow {
        group = Map.copyOf(group);
    }
}
