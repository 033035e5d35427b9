package io.aigw.policy.alert;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Spike detection on a clock the test moves minute by minute: traffic is recorded into the minute ring as it would be
 * at those minutes, then judged at a later minute against the moving baseline.
 */
class SpikeDetectorTest {

    /** Some minute far from the epoch, as the clock would give. */
    private static final long START = 29_500_000L;

    @Test
    void anErrorRateAboveItsThresholdFiresOnceTheWindowHasEnoughRequests() {
        SpikeRule rule = rule("{\"kind\":\"error_rate\",\"threshold\":0.2,\"window\":\"PT5M\",\"min_requests\":10}");
        TrafficSeries s = new TrafficSeries();
        steady(s, START, 30, 10, 0, 100);
        long now = START + 30;
        assertThat(judge(AlertKind.ERROR_RATE, rule, s, now)).as("a clean baseline and window").isEmpty();
        for (long m = now; m < now + 5; m++) {
            record(s, m, 4, 1, 100);   // 1 of 4 failed per minute: 25%, 20 requests
        }
        Optional<Spike> spike = judge(AlertKind.ERROR_RATE, rule, s, now + 5);
        assertThat(spike).isPresent();
        assertThat(spike.get().requests()).isEqualTo(20);
        assertThat(spike.get().errors()).isEqualTo(5);
        assertThat(spike.get().value()).isEqualTo(0.25);
        assertThat(spike.get().windowStart()).isEqualTo(now);
        assertThat(spike.get().windowEnd()).isEqualTo(now + 5);

        SpikeRule strict = rule("{\"kind\":\"error_rate\",\"threshold\":0.2,\"min_requests\":21}");
        assertThat(judge(AlertKind.ERROR_RATE, strict, s, now + 5)).as("fewer requests than min_requests").isEmpty();
        assertThat(judge(AlertKind.ERROR_RATE, rule, s, now + 4)).as("the minute under way is not judged").isEmpty();
    }

    @Test
    void anErrorRateFactorIsJudgedAgainstTheMovingBaselineWithAOnePercentFloor() {
        SpikeRule rule = rule("{\"kind\":\"error_rate\",\"factor\":3,\"window\":\"PT5M\",\"baseline_windows\":6}");
        TrafficSeries s = new TrafficSeries();
        steady(s, START, 30, 20, 1, 100);             // 5% failing all along
        long now = START + 30;
        for (long m = now; m < now + 5; m++) {
            record(s, m, 20, 2, 100);                 // 10%: only twice the baseline
        }
        assertThat(judge(AlertKind.ERROR_RATE, rule, s, now + 5)).isEmpty();
        TrafficSeries t = new TrafficSeries();
        steady(t, START, 30, 20, 1, 100);
        for (long m = now; m < now + 5; m++) {
            record(t, m, 20, 4, 100);                 // 20%: four times the baseline of 5%
        }
        Spike spike = judge(AlertKind.ERROR_RATE, rule, t, now + 5).orElseThrow();
        assertThat(spike.baseline()).isEqualTo(0.05);
        assertThat(spike.value()).isEqualTo(0.2);

        TrafficSeries clean = new TrafficSeries();
        steady(clean, START, 30, 100, 0, 100);
        record(clean, now, 100, 2, 100);              // 2 of 500: 0.4%, below 3 x the 1% floor
        for (long m = now + 1; m < now + 5; m++) {
            record(clean, m, 100, 0, 100);
        }
        assertThat(judge(AlertKind.ERROR_RATE, rule, clean, now + 5)).isEmpty();
    }

    @Test
    void aFactorIsNotJudgedBeforeTheRecorderHasSeenTheWholeBaselineAThresholdAloneIs() {
        SpikeRule factor = rule("{\"kind\":\"error_rate\",\"factor\":2,\"window\":\"PT5M\",\"baseline_windows\":6}");
        SpikeRule threshold = rule("{\"kind\":\"error_rate\",\"threshold\":0.1,\"window\":\"PT5M\"}");
        TrafficSeries s = new TrafficSeries();
        for (long m = START; m < START + 5; m++) {
            record(s, m, 100, 100, 100);
        }
        assertThat(SpikeDetector.judge(AlertKind.ERROR_RATE, factor, "all", s, START + 5, START)).isEmpty();
        assertThat(SpikeDetector.judge(AlertKind.ERROR_RATE, factor, "all", s, START + 5, START - 30)).isPresent();
        assertThat(SpikeDetector.judge(AlertKind.ERROR_RATE, threshold, "all", s, START + 5, START)).isPresent();
    }

    @Test
    void aLatencySpikeComparesTheWindowsP95OrMeanWithTheBaselines() {
        SpikeRule p95 = rule("{\"kind\":\"latency\",\"factor\":2,\"window\":\"PT5M\",\"min_requests\":10}");
        SpikeRule avg = rule("{\"kind\":\"latency\",\"statistic\":\"avg\",\"factor\":4,\"min_requests\":10}");
        TrafficSeries s = new TrafficSeries();
        steady(s, START, 30, 20, 0, 200);             // p95 in the 250 ms bucket
        long now = START + 30;
        for (long m = now; m < now + 5; m++) {
            record(s, m, 20, 0, 900);                 // p95 in the 1000 ms bucket: four times
        }
        Spike spike = judge(AlertKind.LATENCY, p95, s, now + 5).orElseThrow();
        assertThat(spike.value()).isEqualTo(1000.0);
        assertThat(spike.baseline()).isEqualTo(250.0);
        assertThat(judge(AlertKind.LATENCY, avg, s, now + 5)).as("900 ms is 4.5 times 200 ms").isPresent();
        SpikeRule avgHigher = rule("{\"kind\":\"latency\",\"statistic\":\"avg\",\"factor\":5}");
        assertThat(judge(AlertKind.LATENCY, avgHigher, s, now + 5)).isEmpty();
    }

    @Test
    void aKeysUsageJumpIsItsWindowAgainstItsAverageWindowBeforeAndNeedsTheMinimumVolume() {
        SpikeRule requests = rule("{\"kind\":\"usage_jump\",\"factor\":3,\"window\":\"PT10M\",\"baseline_windows\":3,"
                + "\"min_volume\":100}");
        SpikeRule tokens = rule("{\"kind\":\"usage_jump\",\"measure\":\"tokens\",\"factor\":3,\"window\":\"PT10M\","
                + "\"baseline_windows\":3,\"min_volume\":100}");
        TrafficSeries s = new TrafficSeries();
        steady(s, START, 30, 5, 0, 100);              // 50 requests per 10 minutes
        long now = START + 30;
        for (long m = now; m < now + 10; m++) {
            record(s, m, 14, 0, 100);                 // 140: 2.8 times
        }
        assertThat(judge(AlertKind.USAGE_JUMP, requests, s, now + 10)).isEmpty();
        record(s, now + 9, 20, 0, 100);               // 160: 3.2 times
        Spike spike = judge(AlertKind.USAGE_JUMP, requests, s, now + 10).orElseThrow();
        assertThat(spike.value()).isEqualTo(160.0);
        assertThat(spike.baseline()).isEqualTo(50.0);
        // every request had 10 tokens (record below): 1,600 tokens against 500 per window
        assertThat(judge(AlertKind.USAGE_JUMP, tokens, s, now + 10)).isPresent();
    }

    @Test
    void theRingForgetsMinutesOlderThanItsSlotsAndIgnoresLateSamples() {
        TrafficSeries s = new TrafficSeries();
        record(s, START, 10, 1, 100);
        assertThat(s.sum(START, START + 1).requests()).isEqualTo(10);
        record(s, START + TrafficSeries.SLOTS, 3, 0, 100);        // the same slot, a new minute
        assertThat(s.sum(START, START + 1).requests()).isZero();
        assertThat(s.sum(START + TrafficSeries.SLOTS, START + TrafficSeries.SLOTS + 1).requests()).isEqualTo(3);
        record(s, START, 5, 0, 100);                              // too late for its slot
        assertThat(s.sum(START + TrafficSeries.SLOTS, START + TrafficSeries.SLOTS + 1).requests()).isEqualTo(3);
    }

    @Test
    void concurrentRecordersLoseNoSampleWithinAMinute() throws Exception {
        TrafficSeries s = new TrafficSeries();
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    s.record(START + i / 5_000, i % 10 == 0, 120, 3);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        TrafficSeries.Totals all = s.sum(START, START + 2);
        assertThat(all.requests()).isEqualTo(80_000);
        assertThat(all.errors()).isEqualTo(8_000);
        assertThat(all.tokens()).isEqualTo(240_000);
    }

    private static Optional<Spike> judge(AlertKind kind, SpikeRule rule, TrafficSeries s, long now) {
        return SpikeDetector.judge(kind, rule, "all", s, now, START);
    }

    /** {@code perMinute} requests a minute from {@code from}, {@code failing} of them failed. */
    private static void steady(TrafficSeries s, long from, int minutes, int perMinute, int failing, long latencyMs) {
        for (long m = from; m < from + minutes; m++) {
            record(s, m, perMinute, failing, latencyMs);
        }
    }

    private static void record(TrafficSeries s, long minute, int requests, int failing, long latencyMs) {
        for (int i = 0; i < requests; i++) {
            s.record(minute, i < failing, latencyMs, 10);
        }
    }

    private static SpikeRule rule(String json) {
        try (var r = Json.createReader(new StringReader(json))) {
            JsonObject o = r.readObject();
            return AlertSpec.parse(o).spike();
        }
    }
}
