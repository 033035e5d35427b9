package io.aigw.policy.telemetry;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes metric families in the Prometheus text exposition format, version 0.0.4 ({@code # HELP}, {@code # TYPE},
 * then one line per sample; histograms as cumulative {@code _bucket{le}} lines ending with {@code +Inf}, then
 * {@code _sum} and {@code _count}).
 */
public final class PrometheusText {

    /** The media type of the format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(16 * 1024);

    /** Adds a counter or histogram family; a family without series is left out. */
    public PrometheusText add(MetricFamily<?> family) {
        List<? extends Map.Entry<List<String>, ?>> series = family.snapshot();
        if (series.isEmpty()) {
            return this;
        }
        header(family.name(), family.help(), family.type());
        for (Map.Entry<List<String>, ?> s : series) {
            if (s.getValue() instanceof LongAdder counter) {
                sample(family.name(), family.labelNames(), s.getKey(), null, null, Long.toString(counter.sum()));
            } else {
                histogram(family, s.getKey(), (Histogram) s.getValue());
            }
        }
        return this;
    }

    /** Adds a gauge family read now; a family without values is left out. */
    public PrometheusText add(GaugeFamily gauge) {
        List<GaugeSample> samples = gauge.sampler().get();
        if (samples.isEmpty()) {
            return this;
        }
        header(gauge.name(), gauge.help(), gauge.type());
        for (GaugeSample s : samples) {
            sample(gauge.name(), gauge.labelNames(), s.labels(), null, null, number(s.value()));
        }
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void histogram(MetricFamily<?> family, List<String> labels, Histogram h) {
        double[] bounds = h.bounds();
        long[] cumulative = h.cumulative();
        long count = h.count();
        String bucket = family.name() + "_bucket";
        for (int i = 0; i < bounds.length; i++) {
            sample(bucket, family.labelNames(), labels, "le", number(bounds[i]), Long.toString(cumulative[i]));
        }
        // buckets read before a concurrent count: +Inf never shows fewer than the last bucket
        long total = Math.max(count, cumulative[bounds.length - 1]);
        sample(bucket, family.labelNames(), labels, "le", "+Inf", Long.toString(total));
        sample(family.name() + "_sum", family.labelNames(), labels, null, null, number(h.sum()));
        sample(family.name() + "_count", family.labelNames(), labels, null, null, Long.toString(total));
    }

    private void header(String name, String help, MetricType type) {
        out.append("# HELP ").append(name).append(' ');
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\n') {
                out.append("\\n");
            } else {
                out.append(c);
            }
        }
        out.append('\n').append("# TYPE ").append(name).append(' ').append(type.wireName()).append('\n');
    }

    private void sample(String name, List<String> labelNames, List<String> values, String extraName,
                        String extraValue, String value) {
        out.append(name);
        boolean any = false;
        for (int i = 0; i < labelNames.size(); i++) {
            String v = values.get(i);
            if (v == null || v.isEmpty()) {
                continue; // an empty label is the same as none
            }
            out.append(any ? ',' : '{').append(labelNames.get(i)).append("=\"");
            escape(v);
            out.append('"');
            any = true;
        }
        if (extraName != null) {
            out.append(any ? ',' : '{').append(extraName).append("=\"").append(extraValue).append('"');
            any = true;
        }
        out.append(any ? "} " : " ").append(value).append('\n');
    }

    private void escape(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    /** A number as Prometheus reads it: plain decimal, {@code +Inf}, {@code -Inf} or {@code NaN}. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
