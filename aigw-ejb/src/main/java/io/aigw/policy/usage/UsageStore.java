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
            + "CACHED_INPUT_TOKENS, CACHE_WRITE_TOKENS, REASONING_TOKENS, LATENCY_MS_SUM, UNPRICED, "
            + String.join(", ", LatencyHistogram.COLUMNS);
    private static final String KEY = "HOUR_START, TENANT, KEY_ID, MODEL, OPERATION, NODE_ID";
    private static final String UPDATE = "UPDATE AIGW_USAGE_HOURLY SET " + increments()
            + " WHERE HOUR_START = ? AND TENANT = ? AND KEY_ID = ? AND MODEL = ? AND OPERATION = ? AND NODE_ID = ?";
    private static final String INSERT = "INSERT INTO AIGW_USAGE_HOURLY (" + KEY + ", " + MEASURES + ") VALUES ("
            + "?, ".repeat(6 + measureCount() - 1) + "?)";

    private static final String COST_UPDATE = "UPDATE AIGW_USAGE_COST_HOURLY SET COST_NANOS = COST_NANOS + ?, "
            + "PRICED = PRICED + ? WHERE HOUR_START = ? AND TENANT = ? AND KEY_ID = ? AND MODEL = ? AND OPERATION = ? "
            + "AND NODE_ID = ? AND CURRENCY = ?";
    private static final String COST_INSERT = "INSERT INTO AIGW_USAGE_COST_HOURLY (" + KEY
            + ", CURRENCY, COST_NANOS, PRICED) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private UsageStore() {
    }

    /** Adds the totals to their buckets' rows (and their costs' rows) on {@code c}, in its current transaction. */
    public static void add(Connection c, Map<UsageBucket, UsageTotals> usage, int timeoutSeconds)
            throws SQLException {
        if (usage.isEmpty()) {
            return;
        }
        addMeasures(c, usage, timeoutSeconds);
        addCosts(c, usage, timeoutSeconds);
    }

    private static void addMeasures(Connection c, Map<UsageBucket, UsageTotals> usage, int timeoutSeconds)
            throws SQLException {
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

    /** The same update-then-insert for the cost per currency of the buckets that have any. */
    private static void addCosts(Connection c, Map<UsageBucket, UsageTotals> usage, int timeoutSeconds)
            throws SQLException {
        List<Object[]> costs = new ArrayList<>();
        usage.forEach((bucket, totals) -> totals.costs.forEach((currency, v) -> costs.add(
                new Object[]{bucket, currency, v})));
        if (costs.isEmpty()) {
            return;
        }
        int[] updated;
        try (PreparedStatement ps = c.prepareStatement(COST_UPDATE)) {
            ps.setQueryTimeout(timeoutSeconds);
            for (Object[] cost : costs) {
                long[] v = (long[]) cost[2];
                ps.setLong(1, v[0]);
                ps.setLong(2, v[1]);
                int i = bindKey(ps, 2, (UsageBucket) cost[0]);
                ps.setString(i + 1, (String) cost[1]);
                ps.addBatch();
            }
            updated = ps.executeBatch();
        }
        boolean inserted = false;
        try (PreparedStatement ps = c.prepareStatement(COST_INSERT)) {
            ps.setQueryTimeout(timeoutSeconds);
            for (int n = 0; n < costs.size(); n++) {
                if (updated[n] != 0) {
                    continue;
                }
                long[] v = (long[]) costs.get(n)[2];
                int i = bindKey(ps, 0, (UsageBucket) costs.get(n)[0]);
                ps.setString(++i, (String) costs.get(n)[1]);
                ps.setLong(++i, v[0]);
                ps.setLong(++i, v[1]);
                ps.addBatch();
                inserted = true;
            }
            if (inserted) {
                ps.executeBatch();
            }
        }
    }

    private static int bindKey(PreparedStatement ps, int i, UsageBucket b) throws SQLException {
        ps.setTimestamp(++i, Timestamp.valueOf(b.hourStart()));
        ps.setString(++i, b.tenant());
        ps.setString(++i, b.keyId());
        ps.setString(++i, b.model());
        ps.setString(++i, b.operation());
        ps.setString(++i, b.node());
        return i;
    }

    private static int bindMeasures(PreparedStatement ps, int i, UsageTotals t) throws SQLException {
        for (long v : new long[]{t.requests, t.errors, t.streamed, t.estimated, t.inputTokens, t.outputTokens,
                t.cachedInputTokens, t.cacheWriteTokens, t.reasoningTokens, t.latencyMillisSum, t.unpriced}) {
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
