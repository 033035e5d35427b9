package io.aigw.policy.telemetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A recorded metric: its name, help, type and label names, and one series per label values. At most
 * {@code maxSeries} label sets are kept; later ones are recorded into one series whose every label is
 * {@value #OTHER}, so that no caller can grow the gateway's memory or a scrape by inventing label values (model
 * names, for instance).
 *
 * @param <S> the series: {@link LongAdder} for a counter, {@link Histogram} for a histogram
 */
public final class MetricFamily<S> {

    /** The label value of the series that takes what no longer fits. */
    public static final String OTHER = "_other";

    private final String name;
    private final String help;
    private final MetricType type;
    private final List<String> labelNames;
    private final Supplier<S> factory;
    private final int maxSeries;
    private final ConcurrentHashMap<LabelValues, S> series = new ConcurrentHashMap<>();
    private final LabelValues other;

    private MetricFamily(String name, String help, MetricType type, List<String> labelNames, Supplier<S> factory,
                         int maxSeries) {
        this.name = name;
        this.help = help;
        this.type = type;
        this.labelNames = List.copyOf(labelNames);
        this.factory = factory;
        this.maxSeries = maxSeries;
        String[] others = new String[labelNames.size()];
        Arrays.fill(others, OTHER);
        this.other = new LabelValues(others);
    }

    /** A counter family. */
    public static MetricFamily<LongAdder> counter(String name, String help, int maxSeries, String... labels) {
        return new MetricFamily<>(name, help, MetricType.COUNTER, List.of(labels), LongAdder::new, maxSeries);
    }

    /** A histogram family whose series share {@code bounds}. */
    public static MetricFamily<Histogram> histogram(String name, String help, double[] bounds, int maxSeries,
                                                    String... labels) {
        return new MetricFamily<>(name, help, MetricType.HISTOGRAM, List.of(labels), () -> new Histogram(bounds),
                maxSeries);
    }

    /** A histogram family of one series without labels, kept elsewhere (the audit writer's commit durations). */
    public static MetricFamily<Histogram> single(String name, String help, Histogram histogram) {
        MetricFamily<Histogram> f = new MetricFamily<>(name, help, MetricType.HISTOGRAM, List.of(), () -> histogram, 1);
        f.series();
        return f;
    }

    /** The series of these label values ({@code null} reads as empty), made on first use. */
    public S series(String... values) {
        if (values.length != labelNames.size()) {
            throw new IllegalArgumentException(name + " has " + labelNames.size() + " labels, not " + values.length);
        }
        LabelValues key = new LabelValues(values);
        S s = series.get(key);
        if (s != null) {
            return s;
        }
        if (series.size() >= maxSeries) {
            return series.computeIfAbsent(other, k -> factory.get());
        }
        return series.computeIfAbsent(key, k -> factory.get());
    }

    public String name() {
        return name;
    }

    String help() {
        return help;
    }

    MetricType type() {
        return type;
    }

    List<String> labelNames() {
        return labelNames;
    }

    /** A snapshot of the series, sorted by label values. */
    List<Map.Entry<List<String>, S>> snapshot() {
        List<Map.Entry<List<String>, S>> out = new ArrayList<>(series.size());
        series.forEach((k, v) -> out.add(Map.entry(Arrays.asList(k.values), v)));
        out.sort((a, b) -> compare(a.getKey(), b.getKey()));
        return out;
    }

    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Label values as a map key. */
    private static final class LabelValues {
        private final String[] values;
        private final int hash;

        LabelValues(String[] values) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    values[i] = "";
                }
            }
            this.values = values;
            this.hash = Arrays.hashCode(values);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LabelValues l && l.hash == hash && Arrays.equals(l.values, values);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
