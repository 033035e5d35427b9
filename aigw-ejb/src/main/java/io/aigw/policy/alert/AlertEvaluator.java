package io.aigw.policy.alert;

import io.aigw.policy.audit.NodeIdentity;
import io.aigw.policy.config.GatewayClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Evaluates the error-rate, latency and usage-jump alerts against this server's traffic
 * ({@link TrafficRecorder}, judged by {@link SpikeDetector}) every {@code aigw.alerts.evaluate-every}. A spike is
 * sent claimed for its alert and series with the alert's cooldown, so that servers sharing the database send it once
 * per cooldown. Hourly, drops idle series and firings older than any cooldown.
 */
@ApplicationScoped
public class AlertEvaluator {

    private static final Logger LOG = Logger.getLogger(AlertEvaluator.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();
    /** Firings of budget thresholds are kept this long (longer than any budget period but a total). */
    private static final Duration KEEP_FIRINGS = Duration.ofDays(400);

    @Inject
    AlertCatalog catalog;

    @Inject
    TrafficRecorder traffic;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    AlertClaims claims;

    @Inject
    NodeIdentity node;

    @Inject
    GatewayClock clock;

    private long lastHousekeeping;

    /** One evaluation of every spike alert; a failure is logged and the next evaluation tries again. */
    public void evaluate() {
        try {
            evaluateAll();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not evaluate the alerts; tried again at the next evaluation", e);
        }
    }

    private void evaluateAll() {
        Instant now = clock.now();
        long minute = now.toEpochMilli() / 60_000;
        for (Alert alert : catalog.all()) {
            try {
                if (alert.spec().kind() != AlertKind.BUDGET) {
                    evaluate(alert, minute);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not evaluate alert '" + alert.name() + "'", e);
            }
        }
        if (minute / 60 != lastHousekeeping) {
            lastHousekeeping = minute / 60;
            traffic.forgetIdle(minute);
            claims.purge(now.minus(KEEP_FIRINGS));
        }
    }

    private void evaluate(Alert alert, long minute) {
        SpikeRule rule = alert.spec().spike();
        if (alert.spec().kind() == AlertKind.USAGE_JUMP && rule.dimension() == null) {
            for (Map.Entry<String, TrafficSeries> key : traffic.keys().entrySet()) {
                judge(alert, "key:" + key.getKey(), key.getValue(), minute);
            }
        } else {
            judge(alert, rule.series(), traffic.series(rule.dimension(), rule.value()), minute);
        }
    }

    private void judge(Alert alert, String name, TrafficSeries series, long minute) {
        Optional<Spike> spike = SpikeDetector.judge(alert.spec().kind(), alert.spec().spike(), name, series, minute,
                traffic.startedMinute());
        if (spike.isPresent()) {
            dispatcher.send(alert, alert.spec().kind().eventType(), data(alert, spike.get()).build(), null,
                    new WebhookDispatcher.Claim(name.length() > 400 ? name.substring(0, 400) : name,
                            alert.spec().cooldown()));
        }
    }

    private JsonObjectBuilder data(Alert alert, Spike s) {
        SpikeRule rule = alert.spec().spike();
        JsonObjectBuilder b = JSON.createObjectBuilder().add("alert", alert.name()).add("series", s.series())
                .add("window", Duration.ofMinutes(rule.windowMinutes()).toString())
                .add("window_start", Instant.ofEpochSecond(s.windowStart() * 60).toString())
                .add("window_end", Instant.ofEpochSecond(s.windowEnd() * 60).toString())
                .add("baseline_windows", rule.baselineWindows()).add("requests", s.requests())
                .add("node", node.id());
        switch (alert.spec().kind()) {
            case ERROR_RATE:
                b.add("errors", s.errors()).add("error_rate", round(s.value())).add("baseline_error_rate",
                        round(s.baseline()));
                if (rule.threshold() != null) {
                    b.add("threshold", rule.threshold());
                }
                break;
            case LATENCY:
                b.add("statistic", rule.statistic()).add("latency_ms", round(s.value()))
                        .add("baseline_latency_ms", round(s.baseline()));
                break;
            default:
                b.add("measure", rule.measure()).add("value", round(s.value())).add("baseline", round(s.baseline()));
                break;
        }
        if (rule.factor() != null) {
            b.add("factor", rule.factor());
        }
        return b;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
