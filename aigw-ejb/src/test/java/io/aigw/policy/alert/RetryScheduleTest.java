package io.aigw.policy.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The default schedule (five attempts: at once, 5 s, 30 s, 2 min, 10 min), what is retried, and Retry-After. */
class RetryScheduleTest {

    private final RetrySchedule schedule = RetrySchedule.of(AlertSettings.defaultRetryDelays());

    @Test
    void fiveAttemptsWithGrowingWaitsThenNone() {
        assertThat(schedule.attempts()).isEqualTo(5);
        assertThat(schedule.next(1, null)).contains(Duration.ofSeconds(5));
        assertThat(schedule.next(2, null)).contains(Duration.ofSeconds(30));
        assertThat(schedule.next(3, null)).contains(Duration.ofMinutes(2));
        assertThat(schedule.next(4, null)).contains(Duration.ofMinutes(10));
        assertThat(schedule.next(5, null)).isEmpty();
    }

    @Test
    void networkErrorsServerErrorsAndTooManyRequestsAreRetriedOtherAnswersAreNot() {
        assertThat(RetrySchedule.retryable(0)).isTrue();
        assertThat(RetrySchedule.retryable(500)).isTrue();
        assertThat(RetrySchedule.retryable(503)).isTrue();
        assertThat(RetrySchedule.retryable(429)).isTrue();
        assertThat(RetrySchedule.retryable(400)).isFalse();
        assertThat(RetrySchedule.retryable(401)).isFalse();
        assertThat(RetrySchedule.retryable(404)).isFalse();
        assertThat(RetrySchedule.retryable(301)).as("redirects are not followed").isFalse();
    }

    @Test
    void aLongerRetryAfterIsHonouredUpToAnHourAShorterOneIsNot() {
        assertThat(schedule.next(1, Duration.ofSeconds(20))).contains(Duration.ofSeconds(20));
        assertThat(schedule.next(2, Duration.ofSeconds(20))).contains(Duration.ofSeconds(30));
        assertThat(schedule.next(1, Duration.ofHours(5))).contains(Duration.ofHours(1));
        assertThat(schedule.next(5, Duration.ofSeconds(1))).as("no attempt left").isEmpty();
        assertThat(RetrySchedule.retryAfter(" 120 ")).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetrySchedule.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isNull();
        assertThat(RetrySchedule.retryAfter("-3")).isNull();
    }
}
