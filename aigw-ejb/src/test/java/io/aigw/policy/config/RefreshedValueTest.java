package io.aigw.policy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefreshedValueTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger loads = new AtomicInteger();

    private RefreshedValue<Integer> value(boolean[] failing) {
        return new RefreshedValue<>("test", () -> {
            if (failing[0]) {
                throw new IllegalStateException("database down");
            }
            return loads.incrementAndGet();
        }, Duration.ofNanos(100), now::get);
    }

    @Test
    void keepsTheValueForItsPeriodThenLoadsAgain() {
        RefreshedValue<Integer> v = value(new boolean[1]);
        assertThat(v.get()).isEqualTo(1);
        now.addAndGet(99);
        assertThat(v.get()).isEqualTo(1);
        now.addAndGet(1);
        assertThat(v.get()).isEqualTo(2);
        assertThat(loads).hasValue(2);
    }

    @Test
    void anInvalidationLoadsAgainAtOnce() {
        RefreshedValue<Integer> v = value(new boolean[1]);
        assertThat(v.get()).isEqualTo(1);
        v.invalidate();
        assertThat(v.get()).isEqualTo(2);
        assertThat(v.get()).isEqualTo(2);
    }

    @Test
    void aFailedReloadKeepsThePreviousValueAndAFailedFirstLoadThrows() {
        boolean[] failing = {true};
        RefreshedValue<Integer> v = value(failing);
        assertThatThrownBy(v::get).isInstanceOf(IllegalStateException.class).hasMessage("database down");
        failing[0] = false;
        assertThat(v.get()).isEqualTo(1);
        failing[0] = true;
        now.addAndGet(100);
        assertThat(v.get()).isEqualTo(1);
        failing[0] = false;
        assertThat(v.get()).isEqualTo(2);
    }
}
