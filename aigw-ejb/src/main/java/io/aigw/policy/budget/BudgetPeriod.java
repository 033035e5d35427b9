package io.aigw.policy.budget;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * A budget's period, following the calendar of its time zone: a day starts at local midnight (or the first instant
 * after it where DST skips it), a week on Monday, a month on its first day; {@code total} never resets.
 */
public enum BudgetPeriod {
    DAY, WEEK, MONTH, TOTAL;

    /** The start of the period that contains {@code at}. */
    public Instant start(Instant at, ZoneId zone) {
        LocalDate day = at.atZone(zone).toLocalDate();
        LocalDate first = switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case TOTAL -> null;
        };
        return first == null ? Instant.EPOCH : first.atStartOfDay(zone).toInstant();
    }

    /** When the period that contains {@code at} ends (the next one starts), or {@code null} for {@code total}. */
    public Instant resetsAt(Instant at, ZoneId zone) {
        if (this == TOTAL) {
            return null;
        }
        ZonedDateTime start = start(at, zone).atZone(zone);
        LocalDate next = switch (this) {
            case DAY -> start.toLocalDate().plusDays(1);
            case WEEK -> start.toLocalDate().plusWeeks(1);
            default -> start.toLocalDate().plusMonths(1);
        };
        return next.atStartOfDay(zone).toInstant();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The period named {@code day}, {@code week}, {@code month} or {@code total}. */
    public static BudgetPeriod of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
