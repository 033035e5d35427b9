package io.aigw.policy.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Periods follow the calendar of the budget's time zone, DST and odd offsets included. */
class BudgetPeriodTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aDayStartsAtLocalMidnightNotAtUtcMidnight() {
        Instant at = Instant.parse("2026-12-03T23:30:00Z"); // already 4 December in Berlin
        assertThat(BudgetPeriod.DAY.start(at, BERLIN)).isEqualTo(Instant.parse("2026-12-03T23:00:00Z"));
        assertThat(BudgetPeriod.DAY.resetsAt(at, BERLIN)).isEqualTo(Instant.parse("2026-12-04T23:00:00Z"));
        assertThat(BudgetPeriod.DAY.start(at, ZoneId.of("UTC"))).isEqualTo(Instant.parse("2026-12-03T00:00:00Z"));
    }

    @Test
    void theDayClocksGoForwardLasts23Hours() {
        Instant at = Instant.parse("2026-03-29T12:00:00Z");
        Instant start = BudgetPeriod.DAY.start(at, BERLIN);
        assertThat(start).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(BudgetPeriod.DAY.resetsAt(at, BERLIN)).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    }

    @Test
    void whereDstSkipsMidnightTheDayStartsAtTheFirstInstantAfterIt() {
        // Chile moves its clocks from 24:00 to 01:00 on the first Sunday of September
        ZoneId santiago = ZoneId.of("America/Santiago");
        Instant at = Instant.parse("2026-09-06T15:00:00Z");
        assertThat(BudgetPeriod.DAY.start(at, santiago).atZone(santiago).toLocalTime().toString()).isEqualTo("01:00");
    }

    @Test
    void halfHourOffsetsAreHonoured() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        assertThat(BudgetPeriod.DAY.start(Instant.parse("2026-12-03T20:00:00Z"), kolkata))
                .isEqualTo(Instant.parse("2026-12-03T18:30:00Z"));
    }

    @Test
    void weeksStartOnMondayAndMonthsOnTheFirstWhateverTheirLength() {
        Instant thursday = Instant.parse("2026-12-03T10:00:00Z");
        assertThat(BudgetPeriod.WEEK.start(thursday, BERLIN)).isEqualTo(Instant.parse("2026-11-29T23:00:00Z"));
        assertThat(BudgetPeriod.WEEK.resetsAt(thursday, BERLIN)).isEqualTo(Instant.parse("2026-12-06T23:00:00Z"));
        assertThat(BudgetPeriod.MONTH.start(thursday, BERLIN)).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
        assertThat(BudgetPeriod.MONTH.resetsAt(thursday, BERLIN)).isEqualTo(Instant.parse("2026-12-31T23:00:00Z"));
        Instant february = Instant.parse("2028-02-15T00:00:00Z");
        assertThat(BudgetPeriod.MONTH.resetsAt(february, ZoneId.of("UTC")))
                .isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));
    }

    @Test
    void aTotalBudgetNeverResets() {
        assertThat(BudgetPeriod.TOTAL.start(Instant.parse("2026-12-03T10:00:00Z"), BERLIN)).isEqualTo(Instant.EPOCH);
        assertThat(BudgetPeriod.TOTAL.resetsAt(Instant.parse("2026-12-03T10:00:00Z"), BERLIN)).isNull();
    }
}
