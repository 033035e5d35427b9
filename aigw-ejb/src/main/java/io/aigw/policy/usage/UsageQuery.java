package io.aigw.policy.usage;

import io.aigw.policy.config.GatewaySettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Reads usage from the aggregate store: the hours in a range, summed over nodes and grouped by the dimensions asked
 * for (the compliance usage report, and analytics on top of it); a day is the sum of the hours that start in it in
 * the report's time zone (for zones whose offset is not whole hours, an hour belongs to the day it starts in).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class UsageQuery {

    /** The most groups a report returns; a wider one is refused (narrow the range or the grouping). */
    public static final int MAX_GROUPS = 50_000;

    @Resource(lookup = "jdbc/aigw")
    DataSource dataSource;

    @Inject
    GatewaySettings settings;

    private int timeoutSeconds = 30;

    @PostConstruct
    void init() {
        timeoutSeconds = (int) Math.max(1, settings.complianceQueryTimeout().toSeconds());
    }

    /** Thrown when a report would have more than {@link #MAX_GROUPS} groups. */
    public static final class TooManyGroupsException extends Exception {
        TooManyGroupsException() {
            super("more than " + MAX_GROUPS + " groups");
        }
    }

    /**
     * @param from        first hour (UTC; rounded down to the hour)
     * @param to          end (UTC, exclusive)
     * @param scopeTenant the only tenant whose usage may be read, or {@code null} for every tenant
     * @param tenant      only this tenant, or {@code null}
     * @param keyId       only this key, or {@code null}
     * @param model       only this model, or {@code null}
     * @param groupBy     the dimensions to group by (none: one total)
     * @param zone        the time zone of {@code day}
     */
    public List<UsageRow> report(LocalDateTime from, LocalDateTime to, String scopeTenant, String tenant, String keyId,
                                 String model, Set<UsageDimension> groupBy, ZoneId zone)
            throws SQLException, TooManyGroupsException {
        return report(from, to, new UsageFilter(scopeTenant, tenant, keyId, model, null), groupBy, zone);
    }

    /**
     * @param from    first hour (UTC; rounded down to the hour)
     * @param to      end (UTC, exclusive)
     * @param filter  the tenant scope and filters
     * @param groupBy the dimensions to group by (none: one total)
     * @param zone    the time zone of {@code day}
     */
    public List<UsageRow> report(LocalDateTime from, LocalDateTime to, UsageFilter filter,
                                 Set<UsageDimension> groupBy, ZoneId zone)
            throws SQLException, TooManyGroupsException {
        EnumSet<UsageDimension> dims = groupBy.isEmpty() ? EnumSet.noneOf(UsageDimension.class)
                : EnumSet.copyOf(groupBy);
        boolean byTime = dims.contains(UsageDimension.DAY) || dims.contains(UsageDimension.HOUR);
        List<String> columns = new ArrayList<>();
        if (byTime) {
            columns.add("HOUR_START");
        }
        dims.stream().map(UsageDimension::column).filter(c -> c != null).forEach(columns::add);
        // the currency is always a group too: a group's cost is summed per currency
        columns.add("CURRENCY");
        StringBuilder sql = new StringBuilder("SELECT ");
        columns.forEach(c -> sql.append(c).append(", "));
        sql.append(sums()).append(" FROM AIGW_USAGE_HOURLY WHERE HOUR_START >= ? AND HOUR_START < ?");
        List<Object> params = new ArrayList<>(List.of(Timestamp.valueOf(from.withMinute(0).withSecond(0).withNano(0)),
                Timestamp.valueOf(to)));
        for (String[] f : new String[][]{{"TENANT", filter.scopeTenant()}, {"TENANT", filter.tenant()},
                {"KEY_ID", filter.keyId()}, {"MODEL", filter.model()}, {"ROUTE", filter.route()}}) {
            if (f[1] != null) {
                sql.append(" AND ").append(f[0]).append(" = ?");
                params.add(f[1]);
            }
        }
        sql.append(" GROUP BY ").append(String.join(", ", columns));
        Map<Map<String, String>, UsageTotals> groups = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setQueryTimeout(timeoutSeconds);
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> group = group(rs, dims, zone);
                    UsageTotals totals = groups.get(group);
                    if (totals == null) {
                        if (groups.size() == MAX_GROUPS) {
                            throw new TooManyGroupsException();
                        }
                        totals = new UsageTotals();
                        groups.put(group, totals);
                    }
                    totals.add(read(rs, columns.size()));
                }
            }
        }
        if (dims.isEmpty() && groups.isEmpty()) {
            groups.put(Map.of(), new UsageTotals()); // one total, however empty
        }
        List<UsageRow> rows = new ArrayList<>(groups.size());
        groups.forEach((g, t) -> {
            if (t.requests > 0 || dims.isEmpty()) {
                rows.add(new UsageRow(g, t));
            }
        });
        rows.sort((a, b) -> compare(a.group(), b.group(), dims));
        return rows;
    }

    /**
     * An analytics report: the usage report of the query's groups (by its interval's time dimension too, when it
     * has one), shaped by {@link AnalyticsReport}: per group, its totals and a zero-filled series, ranked and limited.
     *
     * @throws AnalyticsQuery.Refused when the query is outside the bounds {@link AnalyticsQuery} states
     */
    public AnalyticsReport analytics(AnalyticsQuery query)
            throws SQLException, TooManyGroupsException, AnalyticsQuery.Refused {
        query.check();
        EnumSet<UsageDimension> dims = query.groupBy().isEmpty() ? EnumSet.noneOf(UsageDimension.class)
                : EnumSet.copyOf(query.groupBy());
        if (query.interval() != null) {
            dims.add(query.interval().dimension());
        }
        return AnalyticsReport.of(report(query.from(), query.to(), query.filter(), dims, query.zone()), query);
    }

    private static Map<String, String> group(ResultSet rs, Set<UsageDimension> dims, ZoneId zone)
            throws SQLException {
        Map<String, String> group = new LinkedHashMap<>();
        for (UsageDimension d : dims) {
            switch (d) {
                case DAY -> group.put("day", dayOf(rs.getTimestamp("HOUR_START").toLocalDateTime(), zone));
                case HOUR -> group.put("hour", hourOf(rs.getTimestamp("HOUR_START").toLocalDateTime()));
                default -> group.put(d.field(), rs.getString(d.column()));
            }
        }
        return group;
    }

    /** The {@code day} a UTC hour belongs to in {@code zone}: the ISO date its start falls on there. */
    static String dayOf(LocalDateTime utcHour, ZoneId zone) {
        return utcHour.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone).toLocalDate().toString();
    }

    /** The {@code hour} value of a UTC hour: its start as an ISO UTC time ({@code 2026-11-21T10:00:00Z}). */
    static String hourOf(LocalDateTime utcHour) {
        return utcHour.truncatedTo(java.time.temporal.ChronoUnit.HOURS) + ":00Z";
    }

    private static int compare(Map<String, String> a, Map<String, String> b, Set<UsageDimension> dims) {
        for (UsageDimension d : dims) {
            int c = a.get(d.field()).compareTo(b.get(d.field()));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static UsageTotals read(ResultSet rs, int offset) throws SQLException {
        UsageTotals t = new UsageTotals();
        int i = offset;
        t.requests = rs.getLong(++i);
        t.errors = rs.getLong(++i);
        t.streamed = rs.getLong(++i);
        t.estimated = rs.getLong(++i);
        t.inputTokens = rs.getLong(++i);
        t.outputTokens = rs.getLong(++i);
        t.cachedInputTokens = rs.getLong(++i);
        t.cacheWriteTokens = rs.getLong(++i);
        t.reasoningTokens = rs.getLong(++i);
        t.latencyMillisSum = rs.getLong(++i);
        t.unpriced = rs.getLong(++i);
        long cost = rs.getLong(++i);
        String currency = rs.getString("CURRENCY").trim();
        if (!currency.isEmpty()) {
            t.costs.put(currency, new long[]{cost, t.requests});
        }
        for (int b = 0; b < t.latency.length; b++) {
            t.latency[b] = rs.getLong(++i);
        }
        return t;
    }

    private static String sums() {
        List<String> out = new ArrayList<>();
        for (String m : List.of("REQUESTS", "ERRORS", "STREAMED", "ESTIMATED", "INPUT_TOKENS", "OUTPUT_TOKENS",
                "CACHED_INPUT_TOKENS", "CACHE_WRITE_TOKENS", "REASONING_TOKENS", "LATENCY_MS_SUM", "UNPRICED",
                "COST_NANOS")) {
            out.add("SUM(" + m + ")");
        }
        for (String m : LatencyHistogram.COLUMNS) {
            out.add("SUM(" + m + ")");
        }
        return String.join(", ", out);
    }
}
