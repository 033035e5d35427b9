package io.aigw.policy.usage;

import java.util.Map;

/**
 * One group of a usage report: the values of the dimensions grouped by (by API name: {@code tenant}, {@code key},
 * {@code model}, {@code operation}, {@code day} as an ISO date in the report's time zone, {@code hour} as an ISO
 * UTC time) and its totals.
 */
public record UsageRow(Map<String, String> group, UsageTotals totals) {

    public UsageRow {
        group = Map.copyOf(group);
    }
}
