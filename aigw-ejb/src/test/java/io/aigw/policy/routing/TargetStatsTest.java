package io.aigw.policy.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** What this server saw of each target, on explicit nanosecond times: latency average, staleness, load, cool-down. */
class TargetStatsTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 5_000 * SECOND;
    private static final String TARGET = "openai/gpt-4o";

    private final TargetStats stats = new TargetStats();

    @Test
    void theFirstSampleIsTakenAsItIsAndLaterOnesMoveTheAverageByAFifth() {
        assertThat(stats.latencyMillis(TARGET, T0)).isNaN();
        sample(100, T0);
        assertThat(stats.latencyMillis(TARGET, T0)).isEqualTo(100.0);
        sample(200, T0 + SECOND);
        assertThat(stats.latencyMillis(TARGET, T0 + SECOND)).isCloseTo(120.0, within(1e-9));
        sample(20, T0 + 2 * SECOND);
        assertThat(stats.latencyMillis(TARGET, T0 + 2 * SECOND)).isCloseTo(100.0, within(1e-9));
        // another target has figures of its own
        assertThat(stats.latencyMillis("anthropic/claude-sonnet-4", T0)).isNaN();
    }

    @Test
    void aFailedAttemptLeavesTheAverageAlone() {
        sample(100, T0);
        stats.begin(TARGET);
        stats.end(TARGET, -1, T0 + SECOND);
        assertThat(stats.latencyMillis(TARGET, T0 + SECOND)).isEqualTo(100.0);
        // nor does it refresh the sample's age
        assertThat(stats.latencyMillis(TARGET, T0 + 30 * SECOND + 1)).isNaN();
    }

    @Test
    void aSampleOlderThanThirtySecondsIsStaleAndTheNextOneStartsAfresh() {
        sample(100, T0);
        assertThat(stats.latencyMillis(TARGET, T0 + 30 * SECOND)).isEqualTo(100.0);
        assertThat(stats.latencyMillis(TARGET, T0 + 30 * SECOND + 1)).isNaN();
        sample(400, T0 + 31 * SECOND);
        assertThat(stats.latencyMillis(TARGET, T0 + 31 * SECOND)).as("not averaged with the stale 100")
                .isEqualTo(400.0);
    }

    @Test
    void requestsInFlightAreCountedPerTarget() {
        assertThat(stats.inFlight(TARGET)).isZero();
        stats.begin(TARGET);
        stats.begin(TARGET);
        stats.begin("other/model");
        assertThat(stats.inFlight(TARGET)).isEqualTo(2);
        assertThat(stats.inFlight("other/model")).isEqualTo(1);
        stats.end(TARGET, 50, T0);
        assertThat(stats.inFlight(TARGET)).isEqualTo(1);
        stats.end(TARGET, -1, T0);
        assertThat(stats.inFlight(TARGET)).isZero();
        assertThat(stats.inFlight("never/seen")).isZero();
    }

    @Test
    void aCoolDownLastsUntilItsEndAndOnlyTheLaterOfTwoCounts() {
        assertThat(stats.coolingFor(TARGET, T0)).isZero();
        stats.coolDown(TARGET, T0 + 10 * SECOND);
        assertThat(stats.coolingFor(TARGET, T0)).isEqualTo(10 * SECOND);
        assertThat(stats.coolingFor(TARGET, T0 + 4 * SECOND)).isEqualTo(6 * SECOND);
        // an earlier end does not shorten it
        stats.coolDown(TARGET, T0 + 2 * SECOND);
        assertThat(stats.coolingFor(TARGET, T0)).isEqualTo(10 * SECOND);
        stats.coolDown(TARGET, T0 + 20 * SECOND);
        assertThat(stats.coolingFor(TARGET, T0)).isEqualTo(20 * SECOND);
        assertThat(stats.coolingFor(TARGET, T0 + 20 * SECOND)).isZero();
        assertThat(stats.coolingFor(TARGET, T0 + 60 * SECOND)).isZero();
        assertThat(stats.coolingFor("other/model", T0)).isZero();
    }

    @Test
    void negativeNanoTimesWorkToo() {
        // System.nanoTime() may be negative: nothing may depend on its sign
        long t = -1_000 * SECOND;
        stats.coolDown(TARGET, t + 5 * SECOND);
        assertThat(stats.coolingFor(TARGET, t)).isEqualTo(5 * SECOND);
        sample(80, t);
        assertThat(stats.latencyMillis(TARGET, t + SECOND)).isEqualTo(80.0);
    }

    private void sample(double millis, long now) {
        stats.begin(TARGET);
        stats.end(TARGET, millis, now);
    }
}
