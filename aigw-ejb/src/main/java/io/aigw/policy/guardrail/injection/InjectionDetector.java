package io.aigw.policy.guardrail.injection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prompt-injection detector: heuristics plus semantic similarity to a curated set of known attacks.
 *
 * <p><b>Heuristics.</b> Weighted rules ({@link HeuristicRules}) on the normalised text and on its de-obfuscated variants,
 * plus obfuscation signals; see {@link Heuristics}. When the text talks about attacks ({@link Framing}), a rule that
 * matched inside quotes weighs {@value Framing#QUOTED_ANALYSED_FACTOR} of its weight, one outside quotes
 * {@value Framing#UNQUOTED_ANALYSED_FACTOR}; quoted spans are masked from the embedded segments and the cosine is
 * lowered by {@value #ANALYSIS_COSINE_SHIFT}. A quote without analysis framing keeps
 * {@value Framing#QUOTED_PLAIN_FACTOR} of the weight.
 *
 * <p><b>Similarity.</b> The text is split into sentence segments ({@link Segmenter}: very short sentences are merged
 * with the next, long ones cut at {@value Segmenter#MAX_SEGMENT_CHARS} characters; a text of up to
 * {@value Segmenter#WHOLE_TEXT_CHARS} characters is one segment). At most {@value #MAX_EMBEDDED_SEGMENTS} segments are
 * embedded per call: all of them when there are that few, otherwise the most suspicious ones (heuristic matches first, then suspicious vocabulary, then position: first and last first). The
 * similarity is the highest cosine between an embedded segment and a known attack, mapped through a logistic centred at
 * {@value #COSINE_CENTRE} (scale {@value #COSINE_SCALE}) so that a cosine of about 0.68 alone reaches the default
 * threshold.
 *
 * <p><b>Score.</b> {@code 1 - (1 - heuristic) * (1 - mappedSimilarity)}, in [0,1]; an attack when at least the
 * threshold ({@link #DEFAULT_THRESHOLD}). Either signal alone can reach it; two moderate signals together can too.
 *
 * <p><b>Embedding.</b> The embedding function is the caller's (in the gateway, the JCA connection); it must return one
 * L2-normalised vector per input, in order, and may throw a {@link RuntimeException} when the model is unavailable,
 * which propagates. The known attacks are embedded once, on first use ({@link KnownAttackVectors}). Segment vectors are
 * kept in a bounded LRU cache ({@link VectorCache}, {@value #CACHE_CAPACITY} entries) keyed by the exact segment text,
 * so a system prompt repeated on every request is embedded once. Instances are thread-safe.
 */
public final class InjectionDetector {

    /** The operating point the score is calibrated for. */
    public static final double DEFAULT_THRESHOLD = 0.8;

    static final int CACHE_CAPACITY = 1024;
    static final int MAX_EMBEDDED_SEGMENTS = 4;
    /** Segments embedded of a long text in which no rule matched: the most suspicious two. */
    static final int QUIET_EMBEDDED_SEGMENTS = 2;
    static final double COSINE_CENTRE = 0.62;
    static final double COSINE_SCALE = 0.045;
    static final double ANALYSIS_COSINE_SHIFT = 0.06;

    private static final Pattern SUSPICIOUS_WORDS = Pattern.compile(
            "(?iu)\\b(ignor\\w*|disregard|forget|override|bypass|instructions?|rules|system|prompt|password|secret|reveal|pretend"
                    + "|act as|you are|you're|mode|restrict\\w*|filters?|polic\\w+|AI|assistant|LLM|model|jailbreak|DAN|from now on"
                    + "|new task|confidential|print|output|repeat|decode|execute|admin\\w*|developer|vergiss|anweisung\\w*|regeln"
                    + "|oublie\\w*|consignes?|règles|olvida\\w*|instrucci\\w+|reglas|contraseña|passwort|mot de passe)\\b");

    private final KnownAttackVectors attacks;
    private final VectorCache cache;

    /**
     * A detector comparing with {@code knownAttacks} (stripped; blank ones dropped), embedding through {@code embed}.
     * Nothing is embedded until the first {@link #score}.
     */
    public InjectionDetector(List<String> knownAttacks, Function<List<String>, List<float[]>> embed) {
        List<String> texts = knownAttacks.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        Objects.requireNonNull(embed, "embed");
        this.attacks = new KnownAttackVectors(texts, embed);
        this.cache = new VectorCache(CACHE_CAPACITY, embed);
    }

    /** Scores {@code text}; embeds at most {@value #MAX_EMBEDDED_SEGMENTS} segments not already cached. */
    public InjectionScore score(String text) {
        if (text == null || text.isBlank()) {
            return new InjectionScore(0, 0, 0, InjectionScore.NONE);
        }
        String norm = Normaliser.normalise(text);
        Heuristics heur = Heuristics.evaluate(norm, text);
        Framing framing = heur.framing;

        List<Segment> segments = chooseSegments(Segmenter.segment(norm), heur);
        double cosine = maxCosine(segments, framing);
        double s = mappedSimilarity(cosine, framing.analysed);
        double h = heur.value;
        double score = 1 - (1 - h) * (1 - s);
        String signal;
        if (score < 0.05) {
            signal = InjectionScore.NONE;
        } else if (s >= h) {
            signal = InjectionScore.SIMILAR_TO_KNOWN_ATTACK;
        } else {
            signal = heur.strongest;
        }
        return new InjectionScore(clamp(score), clamp(h), clamp(cosine), signal);
    }

    /** The number of segment vectors currently cached (for tests and metrics). */
    int cachedSegments() {
        return cache.size();
    }

    /** The logistic of the cosine (lowered when the text is analysed); 0 for a cosine of at most 0. */
    private static double mappedSimilarity(double cosine, boolean analysed) {
        double cosineAdj = cosine - (analysed ? ANALYSIS_COSINE_SHIFT : 0);
        return cosine <= 0 ? 0 : 1 / (1 + Math.exp(-(cosineAdj - COSINE_CENTRE) / COSINE_SCALE));
    }

    /** The highest cosine between a segment (quotes masked when analysed) and a known attack; 0 without either. */
    private double maxCosine(List<Segment> segments, Framing framing) {
        if (segments.isEmpty() || attacks.isEmpty()) {
            return 0;
        }
        float[][] attackVectors = attacks.get();
        List<String> texts = new ArrayList<>(segments.size());
        for (Segment seg : segments) {
            String t = framing.analysed ? framing.maskQuotes(seg) : seg.text();
            t = t.strip();
            if (t.length() >= 3 && !texts.contains(t)) {
                texts.add(t);
            }
        }
        Map<String, float[]> vectors = cache.vectors(texts);
        double best = 0;
        for (float[] v : vectors.values()) {
            for (float[] a : attackVectors) {
                double c = Vectors.dot(v, a);
                if (c > best) {
                    best = c;
                }
            }
        }
        return best;
    }

    /**
     * All segments if few, else at most {@value #MAX_EMBEDDED_SEGMENTS} (when a rule matched somewhere) or
     * {@value #QUIET_EMBEDDED_SEGMENTS} (when none did) of those that give a reason to look: rule hits first, then
     * suspicious vocabulary, then the first and last segment (where instructions usually sit). A segment with none of
     * these is not embedded: in a long text without any signal it would only cost time.
     */
    private static List<Segment> chooseSegments(List<Segment> all, Heuristics heur) {
        if (all.size() <= MAX_EMBEDDED_SEGMENTS) {
            return all;
        }
        int n = all.size();
        double[] rank = new double[n];
        for (int i = 0; i < n; i++) {
            Segment s = all.get(i);
            double r = 0;
            for (int[] hit : heur.hits) {
                if (hit[0] < s.end() && hit[1] > s.start()) {
                    r += 100;
                }
            }
            Matcher m = SUSPICIOUS_WORDS.matcher(s.text());
            while (m.find()) {
                r += 1;
            }
            if (i == 0 || i == n - 1) {
                r += 0.5;
            }
            rank[i] = r - i * 1e-6;
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            idx.add(i);
        }
        idx.sort(Comparator.comparingDouble((Integer i) -> -rank[i]));
        List<Segment> out = new ArrayList<>();
        int budget = heur.hits.isEmpty() ? QUIET_EMBEDDED_SEGMENTS : MAX_EMBEDDED_SEGMENTS;
        for (int k = 0; k < budget && rank[idx.get(k)] > 0; k++) {
            out.add(all.get(idx.get(k)));
        }
        return out;
    }

    private static double clamp(double d) {
        return d < 0 ? 0 : d > 1 ? 1 : d;
    }
}
