package io.aigw.policy.quota;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void startsFullSoTheWholePerMinuteFigureIsTheBurst() {
        TokenBucket b = new TokenBucket(60, 0);
        for (int i = 0; i < 60; i++) {
            assertThat(b.tryTake(1, 0)).isTrue();
        }
        assertThat(b.tryTake(1, 0)).isFalse();
        assertThat(b.remaining(0)).isZero();
    }

    @Test
    void refillsContinuouslyAtTheFigurePerMinuteAndNeverBeyondIt() {
        TokenBucket b = new TokenBucket(60, 0);
        assertThat(b.tryTake(60, 0)).isTrue();
        assertThat(b.tryTake(1, SECOND - 1)).isFalse();
        assertThat(b.tryTake(1, SECOND)).isTrue();
        assertThat(b.remaining(30 * SECOND)).isEqualTo(29);
        assertThat(b.remaining(3600 * SECOND)).isEqualTo(60);
    }

    @Test
    void saysHowLongUntilEnoughTokensAndUntilFull() {
        TokenBucket b = new TokenBucket(600, 0);
        assertThat(b.tryTake(600, 0)).isTrue();
        assertThat(b.nanosUntil(10, 0)).isEqualTo(SECOND);
        assertThat(b.nanosUntilFull(0)).isEqualTo(60 * SECOND);
        assertThat(b.nanosUntil(10_000, 0)).as("capped at the capacity").isEqualTo(60 * SECOND);
        assertThat(b.nanosUntil(0, 0)).isZero();
    }

    @Test
    void realUsageAboveTheReservationIsADebtThatLaterRequestsWaitFor() {
        TokenBucket b = new TokenBucket(1000, 0);
        assertThat(b.tryTake(100, 0)).isTrue();
        b.adjust(100 - 1600, 0); // reserved 100, used 1,600
        assertThat(b.remaining(0)).isZero();
        assertThat(b.tryTake(1, 0)).isFalse();
        // 600 tokens of debt take 36 s to repay at 1,000 a minute, then one more token needs 60 ms
        assertThat(b.nanosUntil(1, 0)).isEqualTo(36 * SECOND + 60_000_000L);
    }

    @Test
    void givingBackUnusedTokensNeverOverfillsTheBucket() {
        TokenBucket b = new TokenBucket(100, 0);
        assertThat(b.tryTake(50, 0)).isTrue();
        b.adjust(500, 0);
        assertThat(b.remaining(0)).isEqualTo(100);
    }
}
