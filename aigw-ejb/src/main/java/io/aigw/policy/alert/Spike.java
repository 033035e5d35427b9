package io.aigw.policy.alert;

/**
 * A condition an alert fires on: the window's figure against its baseline.
 *
 * @param series      the series judged ({@code all}, {@code model:<id>}, {@code route:<name>}, {@code key:<id>})
 * @param windowStart the window's first minute (minutes since the epoch)
 * @param windowEnd   the minute after its last
 * @param value       the window's figure: error rate (a fraction), latency (ms), requests or tokens
 * @param baseline    the baseline's figure, per window for usage
 * @param requests    requests in the window
 * @param errors      failed requests in the window
 */
public record Spike(String series, long windowStart, long windowEnd, double value, double baseline, long requests,
                    long errors) {
}
