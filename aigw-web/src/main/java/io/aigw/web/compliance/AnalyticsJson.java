package io.aigw.web.compliance;

import io.aigw.codec.json.Jsonp;
import io.aigw.policy.usage.AnalyticsGroup;
import io.aigw.policy.usage.AnalyticsPoint;
import io.aigw.policy.usage.AnalyticsReport;
import io.aigw.policy.usage.LatencyPercentiles;
import io.aigw.policy.usage.UsageDimension;
import io.aigw.policy.usage.UsageTotals;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * The JSON of an analytics answer. Every group, every series point and the total carry the same measures:
 * {@code requests}, {@code errors}, {@code error_rate}, {@code tokens} by type, {@code cost} per currency (decimal
 * strings), {@code unpriced_requests} and {@code latency_ms} ({@code avg} and the percentiles estimated from the
 * histogram, {@code null} without requests; {@code at_least} names those that fell in the open last bucket).
 */
final class AnalyticsJson {

    /** The percentiles reported, by name, and their quantiles. */
    private static final String[] PERCENTILES = {"p50", "p90", "p95", "p99"};
    private static final double[] QUANTILES = {0.50, 0.90, 0.95, 0.99};

    private AnalyticsJson() {
    }

    /** The groups, each with its values of {@code groupBy} (in order), measures and (with an interval) series. */
    static JsonArrayBuilder groups(AnalyticsReport report, Set<UsageDimension> groupBy, boolean series) {
        JsonArrayBuilder data = Jsonp.createArrayBuilder();
        for (AnalyticsGroup g : report.groups()) {
            JsonObjectBuilder group = Jsonp.createObjectBuilder();
            groupBy.forEach(d -> group.add(d.field(), g.group().get(d.field())));
            JsonObjectBuilder b = measures(Jsonp.createObjectBuilder().add("group", group), g.totals());
            if (series) {
                JsonArrayBuilder points = Jsonp.createArrayBuilder();
                for (AnalyticsPoint p : g.series()) {
                    points.add(measures(Jsonp.createObjectBuilder()
                            .add("start", p.start().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)), p.totals()));
                }
                b.add("series", points);
            }
            data.add(b);
        }
        return data;
    }

    /** Adds a group's or point's measures to {@code b}. */
    static JsonObjectBuilder measures(JsonObjectBuilder b, UsageTotals t) {
        JsonObjectBuilder tokens = Jsonp.createObjectBuilder().add("input", t.inputTokens())
                .add("output", t.outputTokens()).add("cached_input", t.cachedInputTokens())
                .add("cache_write", t.cacheWriteTokens()).add("reasoning", t.reasoningTokens())
                .add("total", t.totalTokens());
        JsonObjectBuilder cost = Jsonp.createObjectBuilder();
        t.costNanos().forEach((currency, nanos) -> cost.add(currency,
                BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString()));
        return b.add("requests", t.requests()).add("errors", t.errors()).add("error_rate", t.errorRate())
                .add("tokens", tokens).add("cost", cost).add("unpriced_requests", t.unpriced())
                .add("latency_ms", latency(t));
    }

    private static JsonObjectBuilder latency(UsageTotals t) {
        JsonObjectBuilder b = Jsonp.createObjectBuilder();
        Double avg = t.latencyMillisAvg();
        if (avg == null) {
            b.addNull("avg");
        } else {
            b.add("avg", tenths(avg));
        }
        JsonArrayBuilder atLeast = Jsonp.createArrayBuilder();
        for (int i = 0; i < PERCENTILES.length; i++) {
            LatencyPercentiles.Estimate e = t.latencyPercentile(QUANTILES[i]);
            if (e == null) {
                b.addNull(PERCENTILES[i]);
                continue;
            }
            b.add(PERCENTILES[i], tenths(e.millis()));
            if (e.atLeast()) {
                atLeast.add(PERCENTILES[i]);
            }
        }
        return b.add("at_least", atLeast);
    }

    /** Milliseconds to a tenth. */
    private static double tenths(double millis) {
        return Math.round(millis * 10) / 10.0;
    }
}
