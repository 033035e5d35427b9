package io.aigw.policy.telemetry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code aigw.metrics.*} settings (the README's configuration table lists them). */
@ApplicationScoped
public class MetricsSettings {

    @Inject
    @ConfigProperty(name = "aigw.metrics.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "aigw.metrics.public", defaultValue = "false")
    boolean open;

    @Inject
    @ConfigProperty(name = "aigw.metrics.labels", defaultValue = "none")
    List<String> labels;

    @Inject
    @ConfigProperty(name = "aigw.metrics.max-series", defaultValue = "2000")
    int maxSeries;

    /** Whether requests are measured and {@code /metrics} answers (404 when not). */
    public boolean enabled() {
        return enabled;
    }

    /** Whether {@code /metrics} answers without a key (for a scraper on a private network). */
    public boolean open() {
        return open;
    }

    /** Whether request metrics carry the caller's tenant ({@code aigw.metrics.labels} lists {@code tenant}). */
    public boolean tenantLabel() {
        return has("tenant");
    }

    /** Whether request metrics carry the caller's key id ({@code aigw.metrics.labels} lists {@code key}). */
    public boolean keyLabel() {
        return has("key");
    }

    /** The most label sets one metric keeps; beyond, series fold into one labelled {@code _other}. */
    public int maxSeries() {
        return Math.max(10, maxSeries);
    }

    private boolean has(String label) {
        return labels.stream().anyMatch(l -> l.trim().toLowerCase(Locale.ROOT).equals(label));
    }
}
