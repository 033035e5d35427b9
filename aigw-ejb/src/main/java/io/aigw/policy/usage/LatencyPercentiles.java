package io.aigw.policy.usage;

/**
 * Latency percentiles estimated from the store's histogram ({@link LatencyHistogram}), as Prometheus's
 * {@code histogram_quantile} estimates them: the q-th percentile of {@code n} requests is the latency of rank
 * {@code q * n}; the bucket whose cumulative count first reaches that rank holds it, and within the bucket the
 * requests are taken as spread evenly between its lower bound (the previous bucket's upper bound, 0 for the first)
 * and its upper bound, so the estimate is interpolated linearly:
 * {@code lower + (upper - lower) * (rank - requests below the bucket) / requests in the bucket}. The last bucket has
 * no upper bound: a percentile that falls in it is reported as its lower bound (60000 ms) and flagged as such
 * ({@link Estimate#atLeast()}). The estimate is exact at bucket bounds and off by at most a bucket's width inside.
 */
public final class LatencyPercentiles {

    private LatencyPercentiles() {
    }

    /**
     * One estimated percentile.
     *
     * @param millis  the estimated latency in milliseconds
     * @param atLeast {@code true} when the percentile fell in the open last bucket: the true value is at least
     *                {@code millis}
     */
    public record Estimate(double millis, boolean atLeast) {
    }

    /**
     * The {@code quantile} (0 to 1, e.g. 0.95) of the latencies counted in {@code counts} (one count per
     * {@link LatencyHistogram} bucket, in order), or {@code null} when they count no request.
     */
    public static Estimate estimate(long[] counts, double quantile) {
        if (counts.length != LatencyHistogram.COLUMNS.length) {
            throw new IllegalArgumentException("expected " + LatencyHistogram.COLUMNS.length + " bucket counts");
        }
        if (!(quantile >= 0 && quantile <= 1)) {
            throw new IllegalArgumentException("a quantile is from 0 to 1: " + quantile);
        }
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        if (n == 0) {
            return null;
        }
        double rank = quantile * n;
        long below = 0;
        long[] bounds = LatencyHistogram.BOUNDS_MS;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && below + counts[i] >= rank) {
                if (i == bounds.length) {
                    return new Estimate(bounds[bounds.length - 1], true);
                }
                double lower = i == 0 ? 0 : bounds[i - 1];
                double upper = bounds[i];
                return new Estimate(lower + (upper - lower) * (rank - below) / counts[i], false);
            }
            below += counts[i];
        }
        throw new IllegalStateException("unreachable: the rank is at most the count");
    }
}
