package io.aigw.policy.alert;

import java.util.Optional;

/**
 * Judges a series against a spike rule at a minute: the window is the last {@code window} completed minutes, the
 * baseline the {@code baseline_windows} windows before it. A rule with a factor is not judged before the recorder
 * has seen the whole span (after a start, a baseline of nothing is not a baseline); an error-rate threshold alone
 * needs only the window.
 *
 * <ul>
 * <li>error rate: fires when the window has at least {@code min_requests} requests and its share of failed ones is at
 * least {@code threshold}, or at least {@code factor} times the baseline's (the baseline taken as at least 1%, so
 * that a clean baseline does not make one failure a spike);</li>
 * <li>latency: fires when both window and baseline have at least {@code min_requests} requests and the window's p95
 * (or mean) is at least {@code factor} times the baseline's;</li>
 * <li>usage jump: fires when the window's requests (or tokens) are at least {@code min_volume} and at least
 * {@code factor} times the baseline's average per window (taken as at least 1).</li>
 * </ul>
 */
public final class SpikeDetector {

    /** The least baseline error rate a factor is applied to. */
    static final double BASELINE_ERROR_FLOOR = 0.01;

    private SpikeDetector() {
    }

    /**
     * @param kind          the alert's kind (not budget)
     * @param name          the series' name, for the spike
     * @param nowMinute     the current (incomplete) minute
     * @param startedMinute the first minute the recorder saw
     */
    public static Optional<Spike> judge(AlertKind kind, SpikeRule rule, String name, TrafficSeries series,
                                        long nowMinute, long startedMinute) {
        long windowEnd = nowMinute;
        long windowStart = windowEnd - rule.windowMinutes();
        long baselineStart = windowStart - (long) rule.windowMinutes() * rule.baselineWindows();
        if (series == null || rule.factor() != null && baselineStart < startedMinute) {
            return Optional.empty();
        }
        TrafficSeries.Totals window = series.sum(windowStart, windowEnd);
        TrafficSeries.Totals baseline = series.sum(baselineStart, windowStart);
        double value;
        double base;
        boolean fires;
        switch (kind) {
            case ERROR_RATE:
                value = window.errorRate();
                base = baseline.errorRate();
                fires = window.requests() >= rule.minimum() && window.errors() > 0
                        && (rule.threshold() != null && value >= rule.threshold()
                        || rule.factor() != null && value >= rule.factor() * Math.max(base, BASELINE_ERROR_FLOOR));
                break;
            case LATENCY:
                boolean p95 = "p95".equals(rule.statistic());
                value = p95 ? window.p95Ms() : window.averageMs();
                base = p95 ? baseline.p95Ms() : baseline.averageMs();
                fires = window.requests() >= rule.minimum() && baseline.requests() >= rule.minimum() && base > 0
                        && value >= rule.factor() * base;
                break;
            case USAGE_JUMP:
                boolean tokens = "tokens".equals(rule.measure());
                value = tokens ? window.tokens() : window.requests();
                base = (double) (tokens ? baseline.tokens() : baseline.requests()) / rule.baselineWindows();
                fires = value >= rule.minimum() && value >= rule.factor() * Math.max(base, 1);
                break;
            default:
                return Optional.empty();
        }
        return fires ? Optional.of(new Spike(name, windowStart, windowEnd, value, base, window.requests(),
                window.errors())) : Optional.empty();
    }
}
