package io.aigw.policy.usage;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;

/**
 * What an analytics report reads and how it shapes it: the range, the groups, optionally a zero-filled time series per
 * group and a ranking of the groups. Bounded, so that one call cannot load the store or its answer without limit:
 * at most {@link #MAX_RANGE} (and {@link #MAX_HOURLY_RANGE} by the hour), at most {@link UsageQuery#MAX_GROUPS}
 * groups read, at most {@link #MAX_LIMIT} groups ranked, at most {@link #MAX_POINTS} points answered.
 *
 * @param from     first hour (UTC; rounded down to the hour)
 * @param to       end (UTC, exclusive)
 * @param zone     the time zone of days
 * @param filter   the tenant scope and filters
 * @param groupBy  the dimensions to group by (no time dimension: that is {@code interval}'s); none: one group
 * @param interval the step of each group's time series, or {@code null} for none
 * @param orderBy  what to rank the groups by (largest first), or {@code null} for the groups' own order
 * @param currency the currency {@link AnalyticsOrder#COST} ranks by, or {@code null} for the only one the groups have
 * @param limit    the most groups to answer (the first after ranking), or {@code null} for all
 */
public record AnalyticsQuery(LocalDateTime from, LocalDateTime to, ZoneId zone, UsageFilter filter,
                             Set<UsageDimension> groupBy, AnalyticsInterval interval, AnalyticsOrder orderBy,
                             String currency, Integer limit) {

    /** The widest range one report covers. */
    public static final Duration MAX_RANGE = Duration.ofDays(400);
    /** The widest range of an hourly series. */
    public static final Duration MAX_HOURLY_RANGE = Duration.ofDays(31);
    /** The most groups {@code limit} may ask for. */
    public static final int MAX_LIMIT = 1000;
    /** The most series points one answer holds (groups answered times points per series). */
    public static final int MAX_POINTS = 100_000;

    public AnalyticsQuery {
        groupBy = groupBy.isEmpty() ? EnumSet.noneOf(UsageDimension.class) : EnumSet.copyOf(groupBy);
    }

    /** Thrown for a query outside the bounds, naming the parameter to change. */
    public static final class Refused extends Exception {
        private final String parameter;

        Refused(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        /** The parameter at fault, by its API name. */
        public String parameter() {
            return parameter;
        }
    }

    /** Refuses a query outside the bounds before anything is read. */
    void check() throws Refused {
        if (!from.isBefore(to)) {
            throw new Refused("to", "'to' must be after 'from'.");
        }
        Duration range = Duration.between(from.truncatedTo(ChronoUnit.HOURS), to);
        if (range.compareTo(MAX_RANGE) > 0) {
            throw new Refused("from", "An analytics report covers at most " + MAX_RANGE.toDays() + " days.");
        }
        if (interval == AnalyticsInterval.HOUR && range.compareTo(MAX_HOURLY_RANGE) > 0) {
            throw new Refused("interval", "An hourly series covers at most " + MAX_HOURLY_RANGE.toDays()
                    + " days: use interval=day or a shorter range.");
        }
        for (UsageDimension d : groupBy) {
            if (d.isTime()) {
                throw new Refused("group_by", "Ask for a time series with 'interval', not with group_by=" + d.apiName()
                        + ".");
            }
        }
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new Refused("limit", "'limit' must be an integer from 1 to " + MAX_LIMIT + ".");
        }
        if (currency != null && orderBy != AnalyticsOrder.COST) {
            throw new Refused("currency", "'currency' names the currency to rank by: give it with order_by=cost.");
        }
        if (interval != null && limit != null) {
            long points = (long) interval.points(from, to, zone).size() * limit;
            if (points > MAX_POINTS) {
                throw new Refused("limit", "The answer would hold " + points + " series points, more than "
                        + MAX_POINTS + ": lower 'limit', use a coarser interval or a shorter range.");
            }
        }
    }
}
