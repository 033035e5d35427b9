package io.aigw.policy.usage;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The step of an analytics time series: UTC hours (the store's grain) or days in the report's time zone (the hours
 * that start in them, as {@link UsageQuery} folds them).
 */
public enum AnalyticsInterval {
    HOUR(UsageDimension.HOUR), DAY(UsageDimension.DAY);

    private final UsageDimension dimension;

    AnalyticsInterval(UsageDimension dimension) {
        this.dimension = dimension;
    }

    /**
     * One point of a series.
     *
     * @param key   the value of the time dimension that the store's rows carry for it
     * @param start when it starts, in the report's time zone
     */
    public record Point(String key, OffsetDateTime start) {
    }

    /** The name the API uses ({@code hour}, {@code day}). */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The interval an API name stands for, or {@code null}. */
    public static AnalyticsInterval of(String apiName) {
        for (AnalyticsInterval i : values()) {
            if (i.apiName().equals(apiName.trim().toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return null;
    }

    /** The dimension the store's rows are grouped by for this interval. */
    UsageDimension dimension() {
        return dimension;
    }

    /**
     * Every point from the hour {@code from} falls in to the last hour that starts before {@code to}, in order, each
     * once: the points a zero-filled series has.
     *
     * @param from first hour (UTC; rounded down to the hour)
     * @param to   end (UTC, exclusive)
     * @param zone the report's time zone
     */
    public List<Point> points(LocalDateTime from, LocalDateTime to, ZoneId zone) {
        LocalDateTime first = from.truncatedTo(ChronoUnit.HOURS);
        List<Point> out = new ArrayList<>();
        if (!first.isBefore(to)) {
            return out;
        }
        if (this == HOUR) {
            for (LocalDateTime h = first; h.isBefore(to); h = h.plusHours(1)) {
                out.add(new Point(UsageQuery.hourOf(h), h.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone)
                        .toOffsetDateTime()));
            }
            return out;
        }
        LocalDateTime last = to.truncatedTo(ChronoUnit.HOURS).equals(to) ? to.minusHours(1)
                : to.truncatedTo(ChronoUnit.HOURS);
        LocalDate end = LocalDate.parse(UsageQuery.dayOf(last, zone));
        for (LocalDate d = LocalDate.parse(UsageQuery.dayOf(first, zone)); !d.isAfter(end); d = d.plusDays(1)) {
            out.add(new Point(d.toString(), d.atStartOfDay(zone).toOffsetDateTime()));
        }
        return out;
    }
}
