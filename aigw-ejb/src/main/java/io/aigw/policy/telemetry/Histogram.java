package io.aigw.policy.telemetry;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A histogram series with fixed upper bounds (inclusive, as Prometheus' {@code le}); observations above the last
 * bound count only in {@code +Inf}. Recording is lock-free; a scrape reads each counter once, so a scrape taken while
 * requests are recorded may see a bucket a moment ahead of the count (Prometheus tolerates that, the next scrape is
 * consistent again).
 */
public final class Histogram {

    private final double[] bounds;
    private final LongAdder[] buckets;
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    public Histogram(double[] bounds) {
        this.bounds = bounds;
        this.buckets = new LongAdder[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /** Records one observation. */
    public void observe(double value) {
        int i = bucket(value);
        if (i < buckets.length) {
            buckets[i].increment();
        }
        count.increment();
        sum.add(value);
    }

    private int bucket(double value) {
        int lo = 0;
        int hi = bounds.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (value <= bounds[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The upper bounds, without {@code +Inf}. */
    double[] bounds() {
        return bounds;
    }

    /** Observations per bound, cumulative (what {@code _bucket{le}} shows), without {@code +Inf}. */
    long[] cumulative() {
        long[] out = new long[bounds.length];
        long running = 0;
        for (int i = 0; i < bounds.length; i++) {
            running += buckets[i].sum();
            out[i] = running;
        }
        return out;
    }

    public long count() {
        return count.sum();
    }

    public double sum() {
        return sum.sum();
    }
}
