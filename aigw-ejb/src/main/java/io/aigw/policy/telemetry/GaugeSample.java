package io.aigw.policy.telemetry;

import java.util.List;

/**
 * One value of a gauge, read at scrape time.
 *
 * @param labels the label values, in the order of the gauge's label names
 * @param value  the value
 */
public record GaugeSample(List<String> labels, double value) {

    public GaugeSample {
        labels = List.copyOf(labels);
    }
}
