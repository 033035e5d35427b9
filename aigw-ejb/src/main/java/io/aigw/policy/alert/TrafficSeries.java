package io.aigw.policy.alert;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One series' traffic by minute, for the last {@link #SLOTS} minutes: requests, failed requests (HTTP 5xx), tokens,
 * latency (sum and a histogram for percentiles). A fixed ring of slots, each stamped with its minute; recording adds
 * to atomics, allocates nothing, and resets a slot that still holds an older minute (one recorder clears it, the
 * others wait for the new stamp for a few spins or skip the sample). Reads sum the slots still stamped with the
 * minutes asked for.
 */
public final class TrafficSeries {

    /** Minutes kept (a power of two above the longest window and baseline, {@link AlertSpec#KEPT_MINUTES}). */
    static final int SLOTS = 64;
    /** Latency histogram bounds (ms): a sample counts in the first bucket whose bound is not below it. */
    static final long[] LATENCY_BOUNDS_MS = {50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000, 120_000};
    private static final int STAMP = 0;
    private static final int REQUESTS = 1;
    private static final int ERRORS = 2;
    private static final int TOKENS = 3;
    private static final int LATENCY_SUM = 4;
    private static final int HISTOGRAM = 5;
    private static final int FIELDS = HISTOGRAM + LATENCY_BOUNDS_MS.length + 1;
    private static final long RESETTING = Long.MIN_VALUE;
    private static final int SPINS = 100;

    private final AtomicLongArray slots = new AtomicLongArray(SLOTS * FIELDS);

    TrafficSeries() {
        for (int i = 0; i < SLOTS; i++) {
            slots.set(i * FIELDS + STAMP, -1);
        }
    }

    /**
     * Counts one request in its minute.
     *
     * @param minute    minutes since the epoch
     * @param failed    whether it failed (HTTP 5xx)
     * @param latencyMs how long it took
     * @param tokens    its input and output tokens
     */
    public void record(long minute, boolean failed, long latencyMs, long tokens) {
        int base = (int) (minute & (SLOTS - 1)) * FIELDS;
        if (!current(base, minute)) {
            return;
        }
        slots.incrementAndGet(base + REQUESTS);
        if (failed) {
            slots.incrementAndGet(base + ERRORS);
        }
        if (tokens > 0) {
            slots.addAndGet(base + TOKENS, tokens);
        }
        slots.addAndGet(base + LATENCY_SUM, Math.max(0, latencyMs));
        slots.incrementAndGet(base + HISTOGRAM + bucket(latencyMs));
    }

    /** Makes the slot hold {@code minute}; false when the sample is too late (its slot moved on) or must be skipped. */
    private boolean current(int base, long minute) {
        for (int spin = 0; spin < SPINS; spin++) {
            long stamp = slots.get(base + STAMP);
            if (stamp == minute) {
                return true;
            }
            if (stamp != RESETTING && stamp > minute) {
                return false;
            }
            if (stamp != RESETTING && slots.compareAndSet(base + STAMP, stamp, RESETTING)) {
                for (int i = 1; i < FIELDS; i++) {
                    slots.set(base + i, 0);
                }
                slots.set(base + STAMP, minute);
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    private static int bucket(long latencyMs) {
        for (int i = 0; i < LATENCY_BOUNDS_MS.length; i++) {
            if (latencyMs <= LATENCY_BOUNDS_MS[i]) {
                return i;
            }
        }
        return LATENCY_BOUNDS_MS.length;
    }

    /** The figures of the minutes from {@code fromMinute} (inclusive) to {@code toMinute} (exclusive). */
    public Totals sum(long fromMinute, long toMinute) {
        long requests = 0;
        long errors = 0;
        long tokens = 0;
        long latencySum = 0;
        long[] histogram = new long[LATENCY_BOUNDS_MS.length + 1];
        for (long m = Math.max(fromMinute, toMinute - SLOTS); m < toMinute; m++) {
            int base = (int) (m & (SLOTS - 1)) * FIELDS;
            if (slots.get(base + STAMP) != m) {
                continue;
            }
            requests += slots.get(base + REQUESTS);
            errors += slots.get(base + ERRORS);
            tokens += slots.get(base + TOKENS);
            latencySum += slots.get(base + LATENCY_SUM);
            for (int i = 0; i < histogram.length; i++) {
                histogram[i] += slots.get(base + HISTOGRAM + i);
            }
        }
        return new Totals(requests, errors, tokens, latencySum, histogram);
    }

    /**
     * A span's figures.
     *
     * @param histogram requests per latency bucket ({@link #LATENCY_BOUNDS_MS}, then one above the last bound)
     */
    public record Totals(long requests, long errors, long tokens, long latencySumMs, long[] histogram) {

        /** Failed requests' share, 0 without requests. */
        public double errorRate() {
            return requests == 0 ? 0 : (double) errors / requests;
        }

        /** Mean latency in ms, 0 without requests. */
        public double averageMs() {
            return requests == 0 ? 0 : (double) latencySumMs / requests;
        }

        /** The 95th percentile latency in ms: the bound of the bucket it falls in (twice the last bound above it). */
        public double p95Ms() {
            long total = 0;
            for (long h : histogram) {
                total += h;
            }
            if (total == 0) {
                return 0;
            }
            long rank = (long) Math.ceil(total * 0.95);
            long seen = 0;
            for (int i = 0; i < histogram.length; i++) {
                seen += histogram[i];
                if (seen >= rank) {
                    return i < LATENCY_BOUNDS_MS.length ? LATENCY_BOUNDS_MS[i]
                            : 2.0 * LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1];
                }
            }
            return 2.0 * LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1];
        }
    }
}
