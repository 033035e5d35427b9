package io.aigw.policy.usage;

/**
 * The latency buckets the store keeps per row (upper bounds in milliseconds, inclusive; the last bucket is everything
 * above the last bound).
 */
public final class LatencyHistogram {

    /** Upper bounds of all buckets but the last. */
    static final long[] BOUNDS_MS = {100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000};
    /** The store's column per bucket, in order. */
    static final String[] COLUMNS = {"LATENCY_LE_100", "LATENCY_LE_250", "LATENCY_LE_500", "LATENCY_LE_1000",
            "LATENCY_LE_2500", "LATENCY_LE_5000", "LATENCY_LE_10000", "LATENCY_LE_30000", "LATENCY_LE_60000",
            "LATENCY_OVER_60000"};

    private LatencyHistogram() {
    }

    /** The bucket a latency falls in. */
    static int bucket(long millis) {
        for (int i = 0; i < BOUNDS_MS.length; i++) {
            if (millis <= BOUNDS_MS[i]) {
                return i;
            }
        }
        return BOUNDS_MS.length;
    }

    /** The bucket names as the API shows them ({@code le_100}, ..., {@code over_60000}). */
    static String label(int bucket) {
        return bucket < BOUNDS_MS.length ? "le_" + BOUNDS_MS[bucket] : "over_" + BOUNDS_MS[BOUNDS_MS.length - 1];
    }
}
