package io.aigw.it.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a state by polling it until a deadline, parking between polls (never a fixed sleep). */
public final class Poll {

    /** How long to park between two polls. */
    public static final Duration INTERVAL = Duration.ofMillis(100);

    private Poll() {
    }

    /**
     * Polls until the condition holds or the timeout has passed.
     *
     * @return whether the condition held in time
     */
    public static boolean until(Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(Math.min(left, INTERVAL.toNanos()));
        }
    }

    /**
     * Probes until a value is done or the timeout has passed.
     *
     * @return the last value probed, done or not (for the caller's assertion)
     */
    public static <T> T last(Duration timeout, Supplier<T> probe, Predicate<? super T> done) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            long left = end - System.nanoTime();
            if (done.test(value) || left <= 0) {
                return value;
            }
            LockSupport.parkNanos(Math.min(left, INTERVAL.toNanos()));
        }
    }
}
