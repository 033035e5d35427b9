package io.aigw.policy.alert;

/**
 * When an error-rate, latency or usage-jump alert fires: the last {@code windowMinutes} completed minutes against
 * their baseline, the {@code baselineWindows} windows before them (averaged).
 *
 * @param threshold       error rate: the share of failed requests that fires on its own, or {@code null}
 * @param factor          how many times the baseline fires ({@code null}: error rate with a threshold only)
 * @param windowMinutes   the window, in whole minutes
 * @param baselineWindows how many windows before it form the baseline
 * @param minimum         the least requests (usage jump: requests or tokens) in the window for it to be judged
 * @param dimension       {@code model}, {@code route} or {@code key} to watch one series, or {@code null} (all
 *                        traffic; usage jump: every key on its own)
 * @param value           the watched model, route or key id, or {@code null}
 * @param statistic       latency: {@code p95} or {@code avg}
 * @param measure         usage jump: {@code requests} or {@code tokens}
 */
public record SpikeRule(Double threshold, Double factor, int windowMinutes, int baselineWindows, long minimum,
                        String dimension, String value, String statistic, String measure) {

    /** The series watched, as {@link TrafficRecorder} names them: {@code all} or {@code <dimension>:<value>}. */
    public String series() {
        return dimension == null ? TrafficRecorder.ALL : dimension + ":" + value;
    }
}
