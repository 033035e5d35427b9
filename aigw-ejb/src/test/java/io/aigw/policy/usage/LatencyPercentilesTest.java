package io.aigw.policy.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Percentiles estimated from the latency histogram: linear inside a bucket, the open last bucket a lower bound. */
class LatencyPercentilesTest {

    /** Counts per bucket: le_100, le_250, le_500, le_1000, le_2500, le_5000, le_10000, le_30000, le_60000, over. */
    private static long[] counts(long... c) {
        long[] out = new long[LatencyHistogram.COLUMNS.length];
        System.arraycopy(c, 0, out, 0, c.length);
        return out;
    }

    @Test
    void aPercentileIsInterpolatedLinearlyInsideItsBucket() {
        long[] c = counts(10);
        assertThat(LatencyPercentiles.estimate(c, 0.5)).isEqualTo(new LatencyPercentiles.Estimate(50, false));
        assertThat(LatencyPercentiles.estimate(c, 0.9)).isEqualTo(new LatencyPercentiles.Estimate(90, false));
        assertThat(LatencyPercentiles.estimate(c, 0.99).millis()).isEqualTo(99.0);
        assertThat(LatencyPercentiles.estimate(c, 1.0).millis()).isEqualTo(100.0);
    }

    @Test
    void theRankFindsTheBucketByCumulativeCountFromItsLowerBound() {
        // 100 requests: 50 up to 100 ms, 30 in (100, 250], 20 in (250, 500]
        long[] c = counts(50, 30, 20);
        // rank 50 is the first bucket's last request: its upper bound
        assertThat(LatencyPercentiles.estimate(c, 0.5).millis()).isEqualTo(100.0);
        // rank 65: 15 of the 30 in (100, 250] -> 100 + 150 * 15 / 30
        assertThat(LatencyPercentiles.estimate(c, 0.65).millis()).isEqualTo(175.0);
        // rank 90: 10 of the 20 in (250, 500] -> 250 + 250 * 10 / 20
        assertThat(LatencyPercentiles.estimate(c, 0.9).millis()).isEqualTo(375.0);
        // rank 95: 15 of 20 -> 250 + 250 * 15 / 20
        assertThat(LatencyPercentiles.estimate(c, 0.95).millis()).isEqualTo(437.5);
    }

    @Test
    void emptyBucketsAreSkipped() {
        // 4 requests up to 100 ms and 4 in (2500, 5000]
        long[] c = counts(4, 0, 0, 0, 0, 4);
        assertThat(LatencyPercentiles.estimate(c, 0.5).millis()).isEqualTo(100.0);
        // rank 6: 2 of the 4 in (2500, 5000] -> 2500 + 2500 * 2 / 4
        assertThat(LatencyPercentiles.estimate(c, 0.75).millis()).isEqualTo(3750.0);
    }

    @Test
    void aPercentileInTheOpenLastBucketIsItsLowerBoundFlagged() {
        // 95 requests up to 100 ms, 5 over 60 s
        long[] c = counts(95, 0, 0, 0, 0, 0, 0, 0, 0, 5);
        assertThat(LatencyPercentiles.estimate(c, 0.95)).isEqualTo(new LatencyPercentiles.Estimate(100, false));
        assertThat(LatencyPercentiles.estimate(c, 0.96)).isEqualTo(new LatencyPercentiles.Estimate(60_000, true));
        assertThat(LatencyPercentiles.estimate(c, 0.99)).isEqualTo(new LatencyPercentiles.Estimate(60_000, true));
        // the last bounded bucket is interpolated up to 60 s
        long[] slow = counts(0, 0, 0, 0, 0, 0, 0, 0, 4);
        assertThat(LatencyPercentiles.estimate(slow, 0.5)).isEqualTo(new LatencyPercentiles.Estimate(45_000, false));
    }

    @Test
    void noRequestsHaveNoPercentileAndBadArgumentsAreRefused() {
        assertThat(LatencyPercentiles.estimate(counts(), 0.5)).isNull();
        assertThatThrownBy(() -> LatencyPercentiles.estimate(counts(1), 1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencyPercentiles.estimate(new long[3], 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void totalsEstimateFromTheLatenciesTheyCounted() {
        UsageTotals t = new UsageTotals();
        for (long ms : new long[]{20, 40, 60, 80, 120, 180, 300, 700, 1500, 70_000}) {
            t.add(200, false, false, 1, 1, 0, 0, 0, ms);
        }
        // 4 up to 100, 2 in (100, 250], 1 each in (250, 500], (500, 1000], (1000, 2500] and over 60 s
        assertThat(t.latencyPercentile(0.5).millis()).isEqualTo(175.0); // rank 5: 1 of 2 -> 100 + 150 / 2
        assertThat(t.latencyPercentile(0.9).millis()).isEqualTo(2500.0); // rank 9: the (1000, 2500] bucket's last
        assertThat(t.latencyPercentile(0.95)).isEqualTo(new LatencyPercentiles.Estimate(60_000, true));
        assertThat(t.latencyMillisAvg()).isEqualTo(73_000 / 10.0);
    }
}
