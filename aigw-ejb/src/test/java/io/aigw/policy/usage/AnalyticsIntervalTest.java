package io.aigw.policy.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The points of a zero-filled series: every interval of the range once, keyed as the store's rows are. */
class AnalyticsIntervalTest {

    @Test
    void hoursRunFromTheHourTheRangeStartsInToTheLastThatStartsBeforeItsEnd() {
        List<AnalyticsInterval.Point> points = AnalyticsInterval.HOUR.points(LocalDateTime.of(2026, 12, 1, 22, 30),
                LocalDateTime.of(2026, 12, 2, 1, 0), ZoneOffset.UTC);
        assertThat(points).extracting(AnalyticsInterval.Point::key)
                .containsExactly("2026-12-01T22:00:00Z", "2026-12-01T23:00:00Z", "2026-12-02T00:00:00Z");
        assertThat(points.get(0).start()).isEqualTo(OffsetDateTime.parse("2026-12-01T22:00:00Z"));
        assertThat(AnalyticsInterval.HOUR.points(LocalDateTime.of(2026, 12, 1, 22, 0),
                LocalDateTime.of(2026, 12, 1, 22, 1), ZoneOffset.UTC)).hasSize(1);
    }

    @Test
    void hoursStartInTheReportsTimeZoneButKeepTheirUtcKey() {
        List<AnalyticsInterval.Point> points = AnalyticsInterval.HOUR.points(LocalDateTime.of(2026, 12, 1, 22, 0),
                LocalDateTime.of(2026, 12, 1, 23, 0), ZoneId.of("Europe/Paris"));
        assertThat(points).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("2026-12-01T22:00:00Z");
            assertThat(p.start()).isEqualTo(OffsetDateTime.parse("2026-12-01T23:00:00+01:00"));
        });
    }

    @Test
    void daysAreTheDaysOfTheTimeZoneThatTheRangesHoursStartIn() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        // 2026-11-30 20:00 UTC is 21:00 in Paris; 2026-12-02 23:00 UTC (exclusive) is 00:00 on the 3rd there
        List<AnalyticsInterval.Point> points = AnalyticsInterval.DAY.points(LocalDateTime.of(2026, 11, 30, 20, 0),
                LocalDateTime.of(2026, 12, 2, 23, 0), paris);
        assertThat(points).extracting(AnalyticsInterval.Point::key)
                .containsExactly("2026-11-30", "2026-12-01", "2026-12-02");
        assertThat(points.get(1).start()).isEqualTo(OffsetDateTime.parse("2026-12-01T00:00:00+01:00"));
        // every hour of the range maps to one of the points
        for (LocalDateTime h = LocalDateTime.of(2026, 11, 30, 20, 0); h.isBefore(LocalDateTime.of(2026, 12, 2, 23, 0));
             h = h.plusHours(1)) {
            assertThat(points).extracting(AnalyticsInterval.Point::key).contains(UsageQuery.dayOf(h, paris));
        }
    }

    @Test
    void aDayWithAClockChangeIsOnePointStartingAtItsMidnight() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        // the clocks went back on 2026-10-25: a 25-hour day
        List<AnalyticsInterval.Point> points = AnalyticsInterval.DAY.points(LocalDateTime.of(2026, 10, 24, 22, 0),
                LocalDateTime.of(2026, 10, 26, 23, 0), paris);
        assertThat(points).extracting(AnalyticsInterval.Point::key).containsExactly("2026-10-25", "2026-10-26");
        assertThat(points).extracting(AnalyticsInterval.Point::start).containsExactly(
                OffsetDateTime.parse("2026-10-25T00:00:00+02:00"), OffsetDateTime.parse("2026-10-26T00:00:00+01:00"));
    }
}
