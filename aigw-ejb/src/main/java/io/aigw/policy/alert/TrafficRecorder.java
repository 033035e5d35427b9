package io.aigw.policy.alert;

import io.aigw.jca.api.Usage;
import io.aigw.policy.chain.Exchange;
import io.aigw.policy.chain.Operation;
import io.aigw.policy.config.GatewayClock;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This server's traffic by minute, for error-rate, latency and usage-jump alerts: every chat and embeddings request
 * of a known key, once its outcome is audited, counts in the series {@code all}, its model's, its route's and its
 * key's. Recording is a few map lookups by the strings the request already holds and atomic adds
 * ({@link TrafficSeries}); at most {@code aigw.alerts.max-series} series are kept, requests of series beyond are
 * counted in {@code all} only. Each server keeps its own traffic: alerts judge what their server sees.
 */
@ApplicationScoped
public class TrafficRecorder {

    /** The series of all traffic. */
    public static final String ALL = "all";

    @Inject
    GatewayClock clock;

    @Inject
    AlertSettings settings;

    private final TrafficSeries all = new TrafficSeries();
    private final Map<String, TrafficSeries> models = new ConcurrentHashMap<>();
    private final Map<String, TrafficSeries> routes = new ConcurrentHashMap<>();
    private final Map<String, TrafficSeries> keys = new ConcurrentHashMap<>();
    private final AtomicInteger seriesCount = new AtomicInteger();
    private final AtomicLong untracked = new AtomicLong();
    private int maxSeries = 2000;
    private volatile long startedMinute = Long.MIN_VALUE;

    @PostConstruct
    void init() {
        configure(settings.maxSeries(), clock.now().toEpochMilli() / 60_000);
    }

    /** Sets what {@link #init()} takes from the settings and clock. */
    void configure(int max, long startMinute) {
        this.maxSeries = max;
        this.startedMinute = startMinute;
    }

    /** Counts a request whose outcome was just audited. */
    public void completed(Exchange ex) {
        if (ex.caller() == null || ex.operation() != Operation.CHAT && ex.operation() != Operation.EMBEDDINGS
                || ex.status() == 0) {
            return;
        }
        Usage u = ex.usage();
        record(clock.now().toEpochMilli() / 60_000, ex.resolvedModel(), ex.route(), ex.caller().keyId(),
                ex.status() >= 500, ex.elapsedMillis(), u == null ? 0 : (long) u.inputTokens() + u.outputTokens());
    }

    /** Counts one request in its minute and series. */
    void record(long minute, String model, String route, String keyId, boolean failed, long latencyMs, long tokens) {
        all.record(minute, failed, latencyMs, tokens);
        add(models, model, minute, failed, latencyMs, tokens);
        add(routes, route, minute, failed, latencyMs, tokens);
        add(keys, keyId, minute, failed, latencyMs, tokens);
    }

    private void add(Map<String, TrafficSeries> dimension, String name, long minute, boolean failed, long latencyMs,
                     long tokens) {
        if (name == null) {
            return;
        }
        TrafficSeries s = dimension.get(name);
        if (s == null) {
            if (seriesCount.incrementAndGet() > maxSeries) {
                seriesCount.decrementAndGet();
                untracked.incrementAndGet();
                return;
            }
            TrafficSeries made = new TrafficSeries();
            s = dimension.putIfAbsent(name, made);
            if (s == null) {
                s = made;
            } else {
                seriesCount.decrementAndGet();
            }
        }
        s.record(minute, failed, latencyMs, tokens);
    }

    /** The series {@code all}, or of one model, route or key; {@code null} when nothing was recorded for it. */
    public TrafficSeries series(String dimension, String name) {
        if (dimension == null) {
            return all;
        }
        switch (dimension) {
            case "model":
                return models.get(name);
            case "route":
                return routes.get(name);
            case "key":
                return keys.get(name);
            default:
                return null;
        }
    }

    /** Drops the model, route and key series without a request in the minutes kept before {@code minute}. */
    public void forgetIdle(long minute) {
        for (Map<String, TrafficSeries> dimension : java.util.List.of(models, routes, keys)) {
            dimension.entrySet().removeIf(e -> {
                boolean idle = e.getValue().sum(minute - TrafficSeries.SLOTS + 1, minute + 1).requests() == 0;
                if (idle) {
                    seriesCount.decrementAndGet();
                }
                return idle;
            });
        }
    }

    /** Every key's series. */
    public Map<String, TrafficSeries> keys() {
        return keys;
    }

    /** The minute recording started: a baseline is judged only once it lies wholly after it. */
    public long startedMinute() {
        return startedMinute;
    }

    /** Requests of series beyond {@code aigw.alerts.max-series}, counted in {@code all} only. */
    public long untracked() {
        return untracked.get();
    }
}
