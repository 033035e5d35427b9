package io.aigw.policy.tracing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code aigw.tracing.*} settings (the README's configuration table lists them). */
@ApplicationScoped
public class TracingSettings {

    @Inject
    @ConfigProperty(name = "aigw.tracing.otlp-endpoint")
    Optional<String> endpoint;

    @Inject
    @ConfigProperty(name = "aigw.tracing.otlp-headers")
    Optional<String> headers;

    @Inject
    @ConfigProperty(name = "aigw.tracing.sample-ratio", defaultValue = "1.0")
    double sampleRatio;

    @Inject
    @ConfigProperty(name = "aigw.tracing.capture-content", defaultValue = "false")
    boolean captureContent;

    @Inject
    @ConfigProperty(name = "aigw.tracing.export-interval", defaultValue = "PT1S")
    String exportInterval;

    @Inject
    @ConfigProperty(name = "aigw.tracing.queue-size", defaultValue = "8192")
    int queueSize;

    @Inject
    @ConfigProperty(name = "aigw.tracing.service-name", defaultValue = "aigw")
    String serviceName;

    /** The OTLP/HTTP traces URL ({@code http://collector:4318/v1/traces}); empty: spans are not exported. */
    public Optional<URI> endpoint() {
        return endpoint.filter(s -> !s.isBlank()).map(s -> URI.create(s.trim()));
    }

    /** Headers sent with each export ({@code name=value,name=value}), for a collector that wants a token. */
    public Map<String, String> headers() {
        Map<String, String> out = new LinkedHashMap<>();
        headers.ifPresent(h -> {
            for (String pair : h.split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
        });
        return out;
    }

    /** The share of new traces (no sampled caller) that are recorded, 0 to 1. */
    public double sampleRatio() {
        return Math.max(0, Math.min(1, sampleRatio));
    }

    /** Whether spans carry the prompt and the answer ({@code gen_ai.input.messages}, {@code gen_ai.output.messages}). */
    public boolean captureContent() {
        return captureContent;
    }

    public Duration exportInterval() {
        Duration d = Duration.parse(exportInterval);
        return d.isNegative() || d.isZero() ? Duration.ofSeconds(1) : d;
    }

    /** Spans waiting for export; beyond, new spans are dropped (and counted). */
    public int queueSize() {
        return Math.max(64, queueSize);
    }

    public String serviceName() {
        return serviceName;
    }
}
