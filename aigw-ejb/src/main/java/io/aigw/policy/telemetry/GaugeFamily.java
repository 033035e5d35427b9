package io.aigw.policy.telemetry;

import java.util.List;
import java.util.function.Supplier;

/**
 * A metric whose values are read when scraped (pool usage, breaker states, queue depth, process CPU time): nothing is
 * recorded per request.
 *
 * @param type       {@link MetricType#GAUGE}, or {@link MetricType#COUNTER} for a total kept elsewhere
 * @param name       the metric name
 * @param help       what it measures
 * @param labelNames its label names
 * @param sampler    reads the current values
 */
public record GaugeFamily(MetricType type, String name, String help, List<String> labelNames, Supplier<List<GaugeSample>> sampler) {

    public GaugeFamily {
        labelNames = List.copyOf(labelNames);
    }
}
