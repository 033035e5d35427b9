package io.aigw.policy.guardrail;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.guardrail.pii.PiiEntity;
import io.aigw.policy.guardrail.pii.PiiMatch;
import io.aigw.policy.guardrail.pii.PiiScanner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PII and deny rules of one stage (input or output) of the sets that apply to a request, run over one text at a
 * time: matches are counted, redacted, flagged, marked for local models or refused, in the order the sets and their
 * rules are listed (a later rule sees the earlier ones' redactions).
 */
final class TextRules {

    /** How far back from the end of a streamed text a deny pattern's match is looked for (its longest span). */
    static final int DENY_WINDOW = 256;
    private static final Map<Set<PiiEntity>, PiiScanner> SCANNERS = new ConcurrentHashMap<>();

    /** A rule with what it needs at run time. */
    record Bound(Decisions.RuleRef ref, GuardrailRule rule, PiiScanner scanner) {
    }

    private record Span(int start, int end, String label, String counted) {
    }

    private final List<Bound> rules;
    private final boolean output;
    private boolean localOnly;
    private Bound localBy;

    private TextRules(List<Bound> rules, boolean output) {
        this.rules = rules;
        this.output = output;
    }

    /** The PII and deny rules of {@code stage} ({@code input} or {@code output}) of {@code sets}. */
    static TextRules of(List<GuardrailSet> sets, String stage) {
        boolean output = stage.equals("output");
        List<Bound> rules = new ArrayList<>();
        for (GuardrailSet set : sets) {
            List<GuardrailRule> list = output ? set.spec().output() : set.spec().input();
            for (int i = 0; i < list.size(); i++) {
                GuardrailRule r = list.get(i);
                Decisions.RuleRef ref = new Decisions.RuleRef(set.name(), stage, i, r.type(), r.action());
                if (r instanceof GuardrailRule.Pii p) {
                    rules.add(new Bound(ref, r, SCANNERS.computeIfAbsent(p.entities(), PiiScanner::new)));
                } else if (r instanceof GuardrailRule.Deny) {
                    rules.add(new Bound(ref, r, null));
                }
            }
        }
        return new TextRules(List.copyOf(rules), output);
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Whether a rule with the action {@code route_local} matched: only local connections may serve. */
    boolean localOnly() {
        return localOnly;
    }

    /** The rule that asked for local models. */
    Decisions.RuleRef localBy() {
        return localBy == null ? null : localBy.ref();
    }

    /**
     * Runs the rules over {@code text}; the text as the next reader may see it (the same instance when nothing was
     * redacted). Throws {@link Problem#GUARDRAIL_BLOCKED} when a blocking rule matches.
     */
    String apply(String text, Placeholders placeholders, Decisions decisions) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String current = text;
        for (Bound b : rules) {
            List<Span> spans = b.scanner() != null ? pii(b.scanner(), current) : deny((GuardrailRule.Deny) b.rule(),
                    current);
            if (spans.isEmpty()) {
                continue;
            }
            for (Span s : spans) {
                decisions.count(b.ref(), s.counted(), 1);
            }
            switch (b.rule().action()) {
                case BLOCK -> throw blocked(b.ref(), spans);
                case ROUTE_LOCAL -> {
                    localOnly = true;
                    if (localBy == null) {
                        localBy = b;
                    }
                }
                case REDACT -> current = redact(current, spans, placeholders,
                        b.rule() instanceof GuardrailRule.Pii p && p.restoreInOutput());
                case FLAG -> {
                }
            }
        }
        return current;
    }

    /** The earliest index from which a match of any rule may still be forming at the end of {@code text}. */
    int holdFrom(CharSequence text) {
        int hold = text.length();
        for (Bound b : rules) {
            int h = b.scanner() != null ? b.scanner().holdFrom(text) : denyHold((GuardrailRule.Deny) b.rule(), text);
            hold = Math.min(hold, h);
        }
        return hold;
    }

    private static List<Span> pii(PiiScanner scanner, String text) {
        List<PiiMatch> found = scanner.find(text);
        if (found.isEmpty()) {
            return List.of();
        }
        List<Span> out = new ArrayList<>(found.size());
        for (PiiMatch m : found) {
            out.add(new Span(m.start(), m.end(), m.entity().label(), m.entity().wireName()));
        }
        return out;
    }

    private static List<Span> deny(GuardrailRule.Deny rule, String text) {
        List<Span> out = new ArrayList<>(0);
        List<Pattern> patterns = rule.patterns();
        for (int i = 0; i < patterns.size(); i++) {
            String counted = "pattern_" + i;
            try {
                Matcher m = patterns.get(i).matcher(new BoundedText(text));
                while (m.find()) {
                    if (m.end() > m.start()) {
                        out.add(new Span(m.start(), m.end(), "DENIED", counted));
                    }
                }
            } catch (BoundedText.Exhausted e) {
                // fails closed: a pattern too costly to finish counts as a match of the whole text
                out.add(new Span(0, text.length(), "DENIED", counted + "_unfinished"));
            }
        }
        return out;
    }

    private static int denyHold(GuardrailRule.Deny rule, CharSequence text) {
        int len = text.length();
        int from = Math.max(0, len - DENY_WINDOW);
        int hold = len;
        for (Pattern p : rule.patterns()) {
            try {
                Matcher m = p.matcher(new BoundedText(text)).region(from, len);
                boolean found = m.find();
                if (!m.hitEnd()) {
                    continue;
                }
                if (found && m.end() == len) {
                    hold = Math.min(hold, m.start());
                    continue;
                }
                for (int i = from; i < Math.min(len, hold); i++) {
                    Matcher at = p.matcher(new BoundedText(text)).region(i, len);
                    at.lookingAt();
                    if (at.hitEnd()) {
                        hold = i;
                        break;
                    }
                }
            } catch (BoundedText.Exhausted e) {
                hold = Math.min(hold, from);
            }
        }
        return hold;
    }

    private String redact(String text, List<Span> spans, Placeholders placeholders, boolean restorable) {
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(Span::start).thenComparing(Comparator.comparingInt(Span::end).reversed()));
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        for (Span s : sorted) {
            if (s.start() < last) {
                continue;
            }
            out.append(text, last, s.start());
            out.append(output ? "[REDACTED_" + s.label() + "]"
                    : placeholders.of(s.label(), text.substring(s.start(), s.end()), restorable));
            last = s.end();
        }
        return out.append(text, last, text.length()).toString();
    }

    private static GatewayException blocked(Decisions.RuleRef ref, List<Span> spans) {
        List<String> kinds = spans.stream().map(Span::counted).distinct().sorted().toList();
        return new GatewayException(Problem.GUARDRAIL_BLOCKED, (ref.stage().equals("input") ? "The request was"
                : "The answer was") + " blocked by the guardrail set '" + ref.set() + "' (" + ref.stage()
                + " rule " + ref.index() + ", " + ref.type() + ": " + String.join(", ", kinds) + ").");
    }
}
