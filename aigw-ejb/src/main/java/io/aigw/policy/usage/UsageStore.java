package io.aigw.policy.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adds a group commit's usage to the store in the commit's own transaction: one batched {@code UPDATE} of the
 * buckets' rows, then one batched {@code INSERT} of those that did not exist yet. Only the node that owns a row (its
 * audit commit permit held) ever writes it, so the update-then-insert cannot race.
 */
public final class UsageStore {

    private static final String MEASURES = "REQUESTS, ERRORS, STREAMED, ESTIMATED, INPUT_TOKENS, OUTPUT_TOKENS, "
            + "CACHED_INPUT_TOKENS, CACHE_WRITE_TOKENS, REASONING_TOKENS, LATENCY_MS_SUM, UNPRICED, COST_NANOS, "
            + String.join(", ", LatencyHistogram.COLUMNS);
    private static final String KEY = "HOUR_START, TENANT, KEY_ID, MODEL, OPERATION, NODE_ID, CURRENCY, ROUTE";
    private static final String UPDATE = "UPDATE AIGW_USAGE_HOURLY SET " + increments()
            + " WHERE HOUR_START = ? AND TENANT = ? AND KEY_ID = ? AND MODEL = ? AND OPERATION = ? AND NODE_ID = ?"
            + " AND CURRENCY = ? AND ROUTE = ?";
    private static final String INSERT = "INSERT INTO AIGW_USAGE_HOURLY (" + KEY + ", " + MEASURES + ") VALUES ("
            + "?, ".repeat(8 + measureCount() - 1) + "?)";

    private UsageStore() {
    }

    /** Adds the totals to their buckets' rows on {@code c}, in its current transaction. */
    public static void add(Connection c, Map<UsageBucket, UsageTotals> usage, int timeoutSeconds)
            throws SQLException {
        if (usage.isEmpty()) {
            return;
        }
        List<Map.Entry<UsageBucket, UsageTotals>> entries = new ArrayList<>(usage.entrySet());
        int[] updated;
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            ps.setQueryTimeout(timeoutSeconds);
            for (Map.Entry<UsageBucket, UsageTotals> e : entries) {
                int i = bindMeasures(ps, 0, e.getValue());
                bindKey(ps, i, e.getKey());
                ps.addBatch();
            }
            updated = ps.executeBatch();
        }
        List<Map.Entry<UsageBucket, UsageTotals>> missing = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (updated[i] == 0) {
                missing.add(entries.get(i));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setQueryTimeout(timeoutSeconds);
            for (Map.Entry<UsageBucket, UsageTotals> e : missing) {
                int i = bindKey(ps, 0, e.getKey());
                bindMeasures(ps, i, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static int bindKey(PreparedStatement ps, int i, UsageBucket b) throws SQLException {
        ps.setTimestamp(++i, Timestamp.valueOf(b.hourStart()));
        ps.setString(++i, b.tenant());
        ps.setString(++i, b.keyId());
        ps.setString(++i, b.model());
        ps.setString(++i, b.operation());
        ps.setString(++i, b.node());
        ps.setString(++i, b.currency());
        ps.setString(++i, b.route());
        return i;
    }

    private static int bindMeasures(PreparedStatement ps, int i, UsageTotals t) throws SQLException {
        for (long v : new long[]{t.requests, t.errors, t.streamed, t.estimated, t.inputTokens, t.outputTokens,
                t.cachedInputTokens, t.cacheWriteTokens, t.reasoningTokens, t.latencyMillisSum, t.unpriced,
                t.costs.values().stream().mapToLong(c -> c[0]).sum()}) {
            ps.setLong(++i, v);
        }
        for (long v : t.latency) {
            ps.setLong(++i, v);
        }
        return i;
    }

    private static int measureCount() {
        return MEASURES.split(", ").length;
    }

    private static String increments() {
        StringBuilder sb = new StringBuilder();
        for (String m : MEASURES.split(", ")) {
            sb.append(sb.length() == 0 ? "" : ", ").append(m).append(" = ").append(m).append(" + ?");
        }
        return sb.toString();
    }
}
