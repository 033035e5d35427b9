package io.aigw.policy.guardrail.injection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The result of the {@link HeuristicRules} on one text, and their evaluation. The rules run on the normalised text and
 * again on its de-obfuscated variants ({@link Normaliser}); a rule that matches only in a variant counts, plus an
 * obfuscation signal, as do the {@link ObfuscationSignals}. Each hit's weight is adjusted by the {@link Framing}
 * (attacks quoted or analysed weigh less); "ignore my previous instructions" (the user correcting themselves) weighs
 * little. The value is the noisy-OR of the best weight per rule id, at most 0.99.
 *
 * <p>The prefilters ({@link Prefilter}, the character checks) only skip work: {@link #evaluate} must give exactly what the
 * straightforward {@link #evaluateReference} gives, which the tests check on the labelled sets.
 */
final class Heuristics {

    /** The heuristic part of the score, in [0, 0.99]. */
    final double value;
    /** The id of the rule or signal with the highest weight, or {@link InjectionScore#NONE}. */
    final String strongest;
    /** The spans {@code [start, end)} the rules matched in the normalised text, in rule order. */
    final List<int[]> hits;
    /** The framing of the normalised text. */
    final Framing framing;

    private Heuristics(double value, String strongest, List<int[]> hits, Framing framing) {
        this.value = value;
        this.strongest = strongest;
        this.hits = hits;
        this.framing = framing;
    }

    private record Hit(String id, double weight, int start, int end) {
    }

    private static final Pattern SELF_CORRECTION = Pattern.compile("(?iu)\\b(my|mine)\\b|\\bI (gave|wrote|sent|provided|mentioned|said)\\b");

    /** The rules and checks on the normalised text {@code norm} of {@code raw}, skipping what cannot match. */
    static Heuristics evaluate(String norm, String raw) {
        return evaluate(norm, raw, true);
    }

    /**
     * The straightforward evaluation: every rule and every check run on every text, without prefilters. The reference
     * {@link #evaluate(String, String)} must agree with exactly (tests).
     */
    static Heuristics evaluateReference(String norm, String raw) {
        return evaluate(norm, raw, false);
    }

    /** {@code fast}: skip expressions whose necessary conditions (keywords, characters) the text does not meet. */
    private static Heuristics evaluate(String norm, String raw, boolean fast) {
        Map<String, Double> best = new HashMap<>();
        long[] present = fast ? HeuristicRules.KEYWORDS.scan(norm) : null;
        List<Hit> found = matches(norm, present);
        List<int[]> hits = new ArrayList<>();
        for (Hit h : found) {
            hits.add(new int[] {h.start, h.end});
        }
        Framing framing = Framing.of(norm, hits, present);
        for (Hit h : found) {
            put(best, h.id, framing.weigh(h.weight, h.start, h.end));
        }
        // de-obfuscated variants: leetspeak, letters separated by dots or dashes
        String deleet = Normaliser.deleet(norm, fast);
        if (!deleet.equals(norm)) {
            mergeObfuscated(best, found, deleet, fast);
        }
        String joined = Normaliser.joinSpacedLetters(norm, fast);
        if (!joined.equals(norm)) {
            mergeObfuscated(best, found, joined, fast);
        }
        if (ObfuscationSignals.invisibleCharacters(raw, fast)) {
            put(best, "obfuscation", 0.5);
        }
        if (ObfuscationSignals.mixedScript(norm, fast)) {
            put(best, "obfuscation", 0.5);
        }
        if (ObfuscationSignals.base64Blob(norm, fast)) {
            put(best, "encoded_payload", 0.35);
        }
        double notH = 1;
        String strongest = InjectionScore.NONE;
        double top = 0;
        for (Map.Entry<String, Double> e : best.entrySet()) {
            notH *= 1 - e.getValue();
            if (e.getValue() > top) {
                top = e.getValue();
                strongest = e.getKey();
            }
        }
        return new Heuristics(Math.min(0.99, 1 - notH), strongest, hits, framing);
    }

    /** The hits of every rule on {@code text}, in rule order; rules whose prefilter {@code present} fails are skipped. */
    private static List<Hit> matches(String text, long[] present) {
        List<Hit> out = new ArrayList<>();
        for (HeuristicRules.Rule rule : HeuristicRules.RULES) {
            if (!rule.when().mayMatch(present)) {
                continue;
            }
            Matcher m = rule.pattern().matcher(text);
            while (m.find()) {
                double w = rule.weight();
                if ("override_instructions".equals(rule.id())) {
                    String around = m.group() + text.substring(m.end(), Math.min(text.length(), m.end() + 24));
                    if (SELF_CORRECTION.matcher(around).find() && !m.group().toLowerCase().contains("your")) {
                        w = Math.min(w, 0.2); // "ignore my previous instructions": the user correcting themselves
                    }
                }
                out.add(new Hit(rule.id(), w, m.start(), m.end()));
                if (m.end() == m.start()) {
                    break;
                }
            }
        }
        return out;
    }

    /** Rules that match only in a de-obfuscated variant (not at all in the text itself) count, plus an obfuscation signal. */
    private static void mergeObfuscated(Map<String, Double> best, List<Hit> found, String variant, boolean fast) {
        Map<String, Double> extra = new HashMap<>();
        for (Hit h : matches(variant, fast ? HeuristicRules.KEYWORDS.scan(variant) : null)) {
            put(extra, h.id, h.weight);
        }
        for (Hit h : found) {
            extra.remove(h.id);
        }
        for (Map.Entry<String, Double> e : extra.entrySet()) {
            put(best, e.getKey(), e.getValue());
            put(best, "obfuscation", 0.5);
        }
    }

    private static void put(Map<String, Double> best, String id, double w) {
        best.merge(id, w, Math::max);
    }
}
