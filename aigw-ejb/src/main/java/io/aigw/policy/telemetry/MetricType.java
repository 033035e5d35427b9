package io.aigw.policy.telemetry;

import java.util.Locale;

/** The Prometheus metric types the gateway exports. */
public enum MetricType {
    COUNTER, GAUGE, HISTOGRAM;

    /** The name in {@code # TYPE} lines. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
