package io.aigw.jca.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.time.Duration;
import java.util.Timer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadWatchdogTest {

    private final Timer timer = new Timer("read-watchdog-test", true);

    @AfterEach
    void stopTimer() {
        timer.cancel();
    }

    /** A body that records its closes. */
    private static final class Body implements Closeable {
        final CountDownLatch closed = new CountDownLatch(1);
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public void close() {
            closes.incrementAndGet();
            closed.countDown();
        }
    }

    // ---- on the timer ----

    @Test
    void runsUpkeepTasksRepeatedlyEvenAfterOneFailsUntilCancelled() throws InterruptedException {
        ReadWatchdog watchdog = new ReadWatchdog(timer);
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch three = new CountDownLatch(3);

        java.util.TimerTask task = watchdog.every(Duration.ofMillis(20), () -> {
            runs.incrementAndGet();
            three.countDown();
            throw new IllegalStateException("upkeep failure");
        });

        assertThat(three.await(5, TimeUnit.SECONDS)).isTrue();
        task.cancel();
        int afterCancel = runs.get();
        Thread.sleep(100);
        assertThat(runs.get()).isBetween(afterCancel, afterCancel + 1);
        // the timer survived the failures: the watchdog still closes stalled bodies
        Body body = new Body();
        watchdog.watch(body, Duration.ofMillis(50), Duration.ofSeconds(30));
        assertThat(body.closed.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aBodyWhoseCloseThrowsNeitherStopsTheTimerNorTheOtherWatches() throws InterruptedException {
        ReadWatchdog watchdog = new ReadWatchdog(timer);
        CountDownLatch thrown = new CountDownLatch(1);
        watchdog.watch(() -> {
            thrown.countDown();
            throw new IllegalStateException("close failed");
        }, Duration.ofMillis(20), Duration.ofSeconds(30));
        assertThat(thrown.await(5, TimeUnit.SECONDS)).isTrue();

        Body later = new Body();
        ReadWatchdog.Watch watch = watchdog.watch(later, Duration.ofMillis(100), Duration.ofSeconds(30));
        assertThat(later.closed.await(5, TimeUnit.SECONDS)).as("a body watched after the failure is still closed")
                .isTrue();
        assertThat(watch.expired()).isEqualTo(ReadWatchdog.Expiry.IDLE);
    }

    @Test
    void closesABodyWhoseIdleTimeRunsOut() throws InterruptedException {
        ReadWatchdog watchdog = new ReadWatchdog(timer);
        Body body = new Body();

        ReadWatchdog.Watch watch = watchdog.watch(body, Duration.ofMillis(150), Duration.ofSeconds(30));

        assertThat(body.closed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(watch.expired()).isEqualTo(ReadWatchdog.Expiry.IDLE);
        assertThat(body.closes).hasValue(1);
    }

    @Test
    void closesABodyWhoseTotalTimeRunsOut() throws InterruptedException {
        ReadWatchdog watchdog = new ReadWatchdog(timer);
        Body body = new Body();

        ReadWatchdog.Watch watch = watchdog.watch(body, Duration.ofSeconds(30), Duration.ofMillis(150));

        assertThat(body.closed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(watch.expired()).isEqualTo(ReadWatchdog.Expiry.TOTAL);
    }

    @Test
    void touchPostponesTheIdleTimeout() throws InterruptedException {
        ReadWatchdog watchdog = new ReadWatchdog(timer);
        Body touched = new Body();
        Body sentinel = new Body();
        ReadWatchdog.Watch watch = watchdog.watch(touched, Duration.ofMillis(300), Duration.ofSeconds(30));
        watchdog.watch(sentinel, Duration.ofMillis(150), Duration.ofSeconds(30));

        // keep the watched read busy until a watch started at the same time has gone idle
        while (sentinel.closed.getCount() > 0) {
            watch.touch();
            Thread.onSpinWait();
        }
        assertThat(touched.closes).hasValue(0);
        assertThat(watch.expired()).isNull();

        // then stop touching: it expires after all
        assertThat(touched.closed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(watch.expired()).isEqualTo(ReadWatchdog.Expiry.IDLE);
    }

    @Test
    void aClosedWatchNeverClosesItsBody() throws InterruptedException {
        ReadWatchdog watchdog = new ReadWatchdog(timer);
        Body body = new Body();
        ReadWatchdog.Watch watch = watchdog.watch(body, Duration.ofMillis(100), Duration.ofMillis(100));
        watch.close();
        Body sentinel = new Body();
        watchdog.watch(sentinel, Duration.ofMillis(100), Duration.ofMillis(100));

        assertThat(sentinel.closed.await(5, TimeUnit.SECONDS)).isTrue();
        // any later sweep would also have found the first watch expired
        watchdog.sweep(System.nanoTime() + TimeUnit.HOURS.toNanos(1));
        assertThat(body.closes).hasValue(0);
        assertThat(watch.expired()).isNull();
    }

    // ---- deterministic sweeps (the timer stopped) ----

    @Test
    void sweepDecidesByTheLastTouch() {
        ReadWatchdog watchdog = new ReadWatchdog(timer);
        watchdog.stop();
        long idle = TimeUnit.MILLISECONDS.toNanos(100);
        Body untouched = new Body();
        Body touched = new Body();
        long beforeWatches = System.nanoTime();
        ReadWatchdog.Watch control = watchdog.watch(untouched, Duration.ofNanos(idle), Duration.ofHours(1));
        ReadWatchdog.Watch watch = watchdog.watch(touched, Duration.ofNanos(idle), Duration.ofHours(1));
        long afterWatches = System.nanoTime();
        while (System.nanoTime() == afterWatches) {
            Thread.onSpinWait();
        }
        watch.touch(); // strictly after afterWatches

        watchdog.sweep(beforeWatches + idle - 1);
        assertThat(untouched.closes).hasValue(0);
        assertThat(control.expired()).isNull();

        watchdog.sweep(afterWatches + idle);
        assertThat(control.expired()).isEqualTo(ReadWatchdog.Expiry.IDLE);
        assertThat(untouched.closes).hasValue(1);
        assertThat(watch.expired()).isNull();
        assertThat(touched.closes).hasValue(0);

        watchdog.sweep(System.nanoTime() + idle);
        assertThat(watch.expired()).isEqualTo(ReadWatchdog.Expiry.IDLE);
        assertThat(touched.closes).hasValue(1);
    }

    @Test
    void theTotalDeadlineWinsOverTouchesAndABodyIsClosedOnce() {
        ReadWatchdog watchdog = new ReadWatchdog(timer);
        watchdog.stop();
        Body body = new Body();
        ReadWatchdog.Watch watch = watchdog.watch(body, Duration.ofHours(1), Duration.ofMillis(100));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);

        watch.touch();
        watchdog.sweep(deadline);
        watchdog.sweep(deadline + TimeUnit.HOURS.toNanos(2));

        assertThat(watch.expired()).isEqualTo(ReadWatchdog.Expiry.TOTAL);
        assertThat(body.closes).hasValue(1);
    }

    @Test
    void aClosedWatchIsNotSwept() {
        ReadWatchdog watchdog = new ReadWatchdog(timer);
        watchdog.stop();
        Body body = new Body();
        ReadWatchdog.Watch watch = watchdog.watch(body, Duration.ofMillis(1), Duration.ofMillis(1));

        watch.close();
        watchdog.sweep(System.nanoTime() + TimeUnit.HOURS.toNanos(1));

        assertThat(body.closes).hasValue(0);
        assertThat(watch.expired()).isNull();
    }
}
