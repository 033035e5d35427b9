package io.aigw.it.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The samples of a Prometheus text scrape, read by the test's own parser (independent of the gateway's writer):
 * {@code name{label="value",...} number} lines, comments skipped, label values unescaped.
 */
public final class PrometheusSamples {

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples = new ArrayList<>();

    public PrometheusSamples(String text) {
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            samples.add(parse(line));
        }
    }

    /** Every sample of the metric whose labels include all of {@code match}. */
    public List<Sample> find(String name, Map<String, String> match) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            if (s.name().equals(name) && s.labels().entrySet().containsAll(match.entrySet())) {
                out.add(s);
            }
        }
        return out;
    }

    /** The sum of the values of {@link #find}, 0 when none. */
    public double sum(String name, Map<String, String> match) {
        return find(name, match).stream().mapToDouble(Sample::value).sum();
    }

    /** The one sample with exactly these labels; fails if there is not exactly one. */
    public double value(String name, Map<String, String> labels) {
        List<Sample> exact = samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .toList();
        if (exact.size() != 1) {
            throw new AssertionError(exact.size() + " samples " + name + labels);
        }
        return exact.get(0).value();
    }

    public List<Sample> all() {
        return samples;
    }

    private static Sample parse(String line) {
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        Map<String, String> labels = new TreeMap<>();
        String name;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            int close = line.lastIndexOf('}');
            labels.putAll(labels(line.substring(brace + 1, close)));
        } else {
            name = line.substring(0, space);
        }
        String v = line.substring(space + 1);
        double value = v.equals("+Inf") ? Double.POSITIVE_INFINITY : v.equals("-Inf") ? Double.NEGATIVE_INFINITY
                : Double.parseDouble(v);
        return new Sample(name, labels, value);
    }

    private static Map<String, String> labels(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        while (i < body.length()) {
            int eq = body.indexOf('=', i);
            String key = body.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // past ="
            for (; body.charAt(j) != '"'; j++) {
                char c = body.charAt(j);
                if (c == '\\') {
                    char n = body.charAt(++j);
                    value.append(n == 'n' ? '\n' : n);
                } else {
                    value.append(c);
                }
            }
            out.put(key, value.toString());
            i = j + 1;
            if (i < body.length() && body.charAt(i) == ',') {
                i++;
            }
        }
        return out;
    }
}
