package io.aigw.policy.audit;

import io.aigw.policy.usage.UsageBucket;
import io.aigw.policy.usage.UsageTotals;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The usage a batch of events adds to the aggregate store: each request's outcome event counts once, in the UTC hour
 * the request was received, under the route the client named (none when it named a model directly, or when its node
 * stopped before the outcome was written); accepted, administrative, purge and authentication-failure events add
 * nothing.
 */
final class AuditUsage {

    private AuditUsage() {
    }

    static Map<UsageBucket, UsageTotals> of(List<AuditRecord> events) {
        Map<UsageBucket, UsageTotals> out = Map.of();
        for (AuditRecord r : events) {
            if (!AuditRecords.OUTCOME.equals(r.getEventType())) {
                continue;
            }
            if (out.isEmpty()) {
                out = new HashMap<>();
            }
            String model = r.getModelResolved() != null ? r.getModelResolved() : r.getModelRequested();
            UsageBucket bucket = new UsageBucket(r.getOccurredAt().truncatedTo(ChronoUnit.HOURS), none(r.getTenant()),
                    none(r.getKeyId()), none(model), r.getOperation(), r.getNodeId(), none(r.getCostCurrency()),
                    none(r.getRoute()));
            UsageTotals totals = out.computeIfAbsent(bucket, b -> new UsageTotals());
            totals.add(r.getStatus(), r.isStreamed(), r.isUsageEstimated(), r.getInputTokens(), r.getOutputTokens(),
                    r.getCachedInputTokens(), r.getCacheWriteTokens(), r.getReasoningTokens(), r.getLatencyMillis());
            if (r.getCostCurrency() != null) {
                totals.addCost(r.getCostCurrency(), r.getCostNanos());
            } else if (r.isUnpriced()) {
                totals.addUnpriced();
            }
        }
        return out;
    }

    private static String none(String v) {
        return v == null ? "" : v;
    }
}
