package io.aigw.policy.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code aigw.alerts.*} settings (the README's configuration table lists them). */
@ApplicationScoped
public class AlertSettings {

    @Inject
    @ConfigProperty(name = "aigw.alerts.allow-private-networks", defaultValue = "false")
    boolean allowPrivateNetworks;

    @Inject
    @ConfigProperty(name = "aigw.alerts.evaluate-every", defaultValue = "PT1M")
    String evaluateEvery;

    @Inject
    @ConfigProperty(name = "aigw.alerts.retry-delays", defaultValue = "PT0S,PT5S,PT30S,PT2M,PT10M")
    List<String> retryDelays;

    @Inject
    @ConfigProperty(name = "aigw.alerts.timeout", defaultValue = "PT10S")
    String timeout;

    @Inject
    @ConfigProperty(name = "aigw.alerts.queue-capacity", defaultValue = "1000")
    int queueCapacity;

    @Inject
    @ConfigProperty(name = "aigw.alerts.delivery-threads", defaultValue = "2")
    int deliveryThreads;

    @Inject
    @ConfigProperty(name = "aigw.alerts.max-series", defaultValue = "2000")
    int maxSeries;

    /** Whether webhook URLs may point at loopback, private or link-local addresses (and then use plain http). */
    public boolean allowPrivateNetworks() {
        return allowPrivateNetworks;
    }

    /** How often error-rate, latency and usage-jump alerts are evaluated. */
    public Duration evaluateEvery() {
        Duration d = Duration.parse(evaluateEvery.trim());
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }

    /** When each attempt of a delivery starts, after the one before failed (the first is normally {@code PT0S}). */
    public RetrySchedule retrySchedule() {
        return RetrySchedule.of(retryDelays.stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(Duration::parse).toList());
    }

    /** The longest one attempt may take, connecting and reading the answer's head. */
    public Duration timeout() {
        return Duration.parse(timeout.trim());
    }

    /** Deliveries that may wait (attempts due and retries scheduled); beyond, new ones are dropped and audited. */
    public int queueCapacity() {
        return Math.max(1, queueCapacity);
    }

    /** Threads that send webhooks. */
    public int deliveryThreads() {
        return Math.max(1, Math.min(16, deliveryThreads));
    }

    /** The most traffic series (models, routes, keys) this server keeps minute figures of. */
    public int maxSeries() {
        return Math.max(1, maxSeries);
    }

    /** The settings' defaults, for tests. */
    static List<Duration> defaultRetryDelays() {
        return List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2),
                Duration.ofMinutes(10));
    }
}
