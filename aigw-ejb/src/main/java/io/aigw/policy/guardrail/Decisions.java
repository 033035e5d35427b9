package io.aigw.policy.guardrail;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the guardrails of one request did: per rule that matched, the action and how many matches of each kind, and
 * for prompt injection the score. Never the matched text. Written to the audit record's {@code details.guardrails}
 * and, as counts, to {@code x-aigw-guardrails}.
 */
final class Decisions {

    private static final JsonProvider JSON = JsonProvider.provider();

    /** One rule of one set at one stage. */
    record RuleRef(String set, String stage, int index, String type, GuardrailAction action) {
    }

    private record Scored(double score, String signal) {
    }

    private final Map<RuleRef, Map<String, Integer>> counts = new LinkedHashMap<>();
    private final Map<RuleRef, Scored> scores = new LinkedHashMap<>();
    private final Map<RuleRef, Boolean> acted = new LinkedHashMap<>();

    /** {@code n} matches of kind {@code what} (an entity type, {@code pattern_0}, ...). */
    synchronized void count(RuleRef rule, String what, int n) {
        counts.computeIfAbsent(rule, r -> new TreeMap<>()).merge(what, n, Integer::sum);
        acted.put(rule, Boolean.TRUE);
    }

    /** The prompt-injection score of the most suspicious text; acted when at or above the threshold. */
    synchronized void score(RuleRef rule, double score, String signal, boolean matched) {
        Scored before = scores.get(rule);
        if (before == null || score > before.score()) {
            scores.put(rule, new Scored(score, signal));
        }
        if (matched) {
            acted.put(rule, Boolean.TRUE);
        } else {
            acted.putIfAbsent(rule, Boolean.FALSE);
        }
    }

    synchronized boolean isEmpty() {
        return acted.isEmpty();
    }

    /** The audit details: every rule that matched or was scored. */
    synchronized JsonArray toJson() {
        JsonArrayBuilder out = JSON.createArrayBuilder();
        for (Map.Entry<RuleRef, Boolean> e : acted.entrySet()) {
            RuleRef r = e.getKey();
            JsonObjectBuilder o = JSON.createObjectBuilder().add("set", r.set()).add("stage", r.stage())
                    .add("rule", r.index()).add("type", r.type()).add("action", r.action().wireName())
                    .add("matched", e.getValue());
            Map<String, Integer> c = counts.get(r);
            if (c != null) {
                JsonObjectBuilder cs = JSON.createObjectBuilder();
                c.forEach(cs::add);
                o.add("counts", cs);
            }
            Scored s = scores.get(r);
            if (s != null) {
                o.add("score", Math.round(s.score() * 1000) / 1000.0);
                if (s.signal() != null) {
                    o.add("signal", s.signal());
                }
            }
            out.add(o);
        }
        return out.build();
    }

    /** Structured-field items for the header, one per rule of {@code stage} that matched, in the order they acted. */
    synchronized List<String> headerItems(String stage) {
        List<String> items = new ArrayList<>();
        for (Map.Entry<RuleRef, Boolean> e : acted.entrySet()) {
            if (!e.getValue() || !e.getKey().stage().equals(stage)) {
                continue;
            }
            RuleRef r = e.getKey();
            StringBuilder b = new StringBuilder(r.type()).append(";set=\"").append(r.set()).append("\";stage=")
                    .append(r.stage()).append(";rule=").append(r.index()).append(";action=")
                    .append(r.action().wireName());
            Map<String, Integer> c = counts.get(r);
            if (c != null) {
                c.forEach((what, n) -> b.append(';').append(what).append('=').append(n));
            }
            items.add(b.toString());
        }
        return items;
    }
}
