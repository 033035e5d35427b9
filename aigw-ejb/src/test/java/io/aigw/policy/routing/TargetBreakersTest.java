package io.aigw.policy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failsafe.CircuitBreaker;
import io.aigw.policy.route.BreakerSpec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** One Failsafe breaker per target: opening on the failure ratio, the open delay, the probe, sharing by spec. */
class TargetBreakersTest {

    private static final BreakerSpec SPEC = new BreakerSpec(0.5, 4, Duration.ofSeconds(30), Duration.ofMillis(200));
    private static final String TARGET = "openai/gpt-4o";

    private final TargetBreakers breakers = new TargetBreakers();

    @Test
    void opensAtTheRatioOnceTheMinimumIsReachedThenProbesAndCloses() {
        CircuitBreaker<Object> b = breakers.of(TARGET, SPEC);
        b.recordFailure();
        b.recordSuccess();
        b.recordFailure();
        assertThat(TargetBreakers.state(b)).as("3 requests: below min_requests").isEqualTo("closed");
        long beforeOpening = System.nanoTime();
        b.recordSuccess();
        assertThat(TargetBreakers.state(b)).as("2 failures of 4 (50 %) open it").isEqualTo("open");
        assertThat(breakers.states()).isEqualTo(Map.of(TARGET, "open"));
        assertThat(b.tryAcquirePermit()).isFalse();
        assertThat(b.getRemainingDelay()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(200));

        long halfOpenAt = awaitPermit(b);
        assertThat(halfOpenAt - beforeOpening).as("not before open_for").isGreaterThanOrEqualTo(
                TimeUnit.MILLISECONDS.toNanos(200));
        assertThat(TargetBreakers.state(b)).isEqualTo("half_open");
        assertThat(breakers.states()).isEqualTo(Map.of(TARGET, "half_open"));
        assertThat(b.tryAcquirePermit()).as("one probe at a time").isFalse();
        b.recordSuccess();
        assertThat(TargetBreakers.state(b)).isEqualTo("closed");
        assertThat(breakers.states()).isEqualTo(Map.of(TARGET, "closed"));
        assertThat(b.tryAcquirePermit()).isTrue();
    }

    @Test
    void aFailedProbeOpensItAgain() {
        CircuitBreaker<Object> b = breakers.of(TARGET, SPEC);
        for (int i = 0; i < 4; i++) {
            b.recordFailure();
        }
        assertThat(b.isOpen()).isTrue();
        awaitPermit(b);
        assertThat(b.isHalfOpen()).isTrue();
        b.recordFailure();
        assertThat(TargetBreakers.state(b)).isEqualTo("open");
        assertThat(b.tryAcquirePermit()).isFalse();
    }

    @Test
    void belowTheRatioItStaysClosed() {
        CircuitBreaker<Object> b = breakers.of(TARGET, SPEC);
        b.recordSuccess();
        b.recordSuccess();
        b.recordSuccess();
        b.recordFailure();
        b.recordFailure();
        assertThat(TargetBreakers.state(b)).as("2 failures of 5 (40 %)").isEqualTo("closed");
        assertThat(b.tryAcquirePermit()).isTrue();
    }

    @Test
    void theRatioIsRoundedUpToAWholePercent() {
        CircuitBreaker<Object> quarter = TargetBreakers.build(new BreakerSpec(0.25, 4, Duration.ofSeconds(30),
                Duration.ofSeconds(30)));
        quarter.recordSuccess();
        quarter.recordSuccess();
        quarter.recordSuccess();
        quarter.recordFailure();
        assertThat(quarter.isOpen()).as("1 failure of 4 at 0.25").isTrue();
        // 0.333 is 34 %: one failure in three (33 %) is not enough
        CircuitBreaker<Object> third = TargetBreakers.build(new BreakerSpec(0.333, 3, Duration.ofSeconds(30),
                Duration.ofSeconds(30)));
        third.recordSuccess();
        third.recordSuccess();
        third.recordFailure();
        assertThat(third.isClosed()).isTrue();
    }

    @Test
    void aRatioThatIsAWholePercentOpensAtExactlyThatPercent() {
        CircuitBreaker<Object> b = TargetBreakers.build(new BreakerSpec(0.55, 20, Duration.ofSeconds(30),
                Duration.ofSeconds(30)));
        for (int i = 0; i < 9; i++) {
            b.recordSuccess();
        }
        for (int i = 0; i < 11; i++) {
            b.recordFailure();
        }
        assertThat(b.getFailureRate()).isEqualTo(55);
        assertThat(TargetBreakers.state(b)).isEqualTo("open");
    }

    @Test
    void theSameSpecSharesTheBreakerAndAnotherReplacesItClosed() {
        CircuitBreaker<Object> first = breakers.of(TARGET, SPEC);
        assertThat(breakers.of(TARGET, new BreakerSpec(0.5, 4, Duration.ofSeconds(30), Duration.ofMillis(200))))
                .isSameAs(first);
        for (int i = 0; i < 4; i++) {
            first.recordFailure();
        }
        assertThat(first.isOpen()).isTrue();
        CircuitBreaker<Object> other = breakers.of(TARGET, new BreakerSpec(0.5, 10, Duration.ofSeconds(30),
                Duration.ofMillis(200)));
        assertThat(other).isNotSameAs(first);
        assertThat(TargetBreakers.state(other)).isEqualTo("closed");
        assertThat(breakers.states()).isEqualTo(Map.of(TARGET, "closed"));
        assertThat(breakers.of("anthropic/claude-sonnet-4", SPEC)).isNotSameAs(first).isNotSameAs(other);
        assertThat(breakers.of(TARGET, null)).isNull();
    }

    @Test
    void statesReportEveryTargetByName() {
        CircuitBreaker<Object> open = breakers.of("b/model", SPEC);
        breakers.of("a/model", SPEC);
        for (int i = 0; i < 4; i++) {
            open.recordFailure();
        }
        assertThat(breakers.states()).containsExactly(Map.entry("a/model", "closed"), Map.entry("b/model", "open"));
    }

    /** Polls for the probe permit with a deadline; returns when it was granted. */
    private static long awaitPermit(CircuitBreaker<Object> b) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!b.tryAcquirePermit()) {
            assertThat(System.nanoTime()).as("half-open within 5 s").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return System.nanoTime();
    }
}
