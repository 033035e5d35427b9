package io.aigw.policy.guardrail;

import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Prompt-injection detector: heuristics plus semantic similarity to a curated set of known attacks.
 *
 * <p><b>Heuristics.</b> Regular-expression rules (English, German, French, Spanish, and the commonest override phrasing
 * in Italian, Portuguese, Dutch, Polish, Russian, Chinese and Japanese) for instruction override, persona hijack
 * (DAN, developer mode, "an AI without restrictions"), system-prompt and secret extraction, fake role delimiters
 * ({@code ### system:}, {@code </user><system>}, chat-template tokens), encoded or obfuscated payloads (decode-and-obey,
 * leetspeak, letter separators, zero-width characters, mixed scripts), instructions addressed to an AI inside
 * documents or tool output, exfiltration and priority claims. The rules run on the NFKC-normalised text and again on
 * a de-obfuscated copy. Each rule has a weight; the heuristic part is the noisy-OR of the best weight per rule.
 *
 * <p><b>Framing.</b> Texts that talk <em>about</em> attacks are the commonest false positives. When the text carries
 * analysis cues (prompt injection, jailbreak, attack, security, report, log, classify, explain, ... in EN/DE/FR/ES)
 * or reports speech ("the user typed: '...'"), a rule that matched inside quotes, a code block or a block quote
 * weighs {@value #QUOTED_ANALYSED_FACTOR} of its weight, one outside quotes {@value #UNQUOTED_ANALYSED_FACTOR}; quoted
 * spans are masked from the embedded segments and the cosine is lowered by {@value #ANALYSIS_COSINE_SHIFT}. A quote
 * without analysis framing (e.g. "translate: '...'") keeps {@value #QUOTED_PLAIN_FACTOR} of the weight, since
 * wrapping the payload in a translation or summary request is itself a common attack.
 *
 * <p><b>Similarity.</b> The text is split into sentence segments (very short sentences are merged with the next, long
 * ones cut at {@value #MAX_SEGMENT_CHARS} characters); a text of up to {@value #WHOLE_TEXT_CHARS} characters is one
 * segment. At most {@value #MAX_EMBEDDED_SEGMENTS} segments are embedded per call: all of them when there are that few,
 * otherwise the most suspicious ones (heuristic matches first, then suspicious vocabulary, then position: first and
 * last first). The similarity is the highest cosine between an embedded segment and a known attack, mapped through a
 * logistic centred at {@value #COSINE_CENTRE} (scale {@value #COSINE_SCALE}) so that a cosine of about 0.68 alone
 * reaches the default threshold.
 *
 * <p><b>Score.</b> {@code 1 - (1 - heuristic) * (1 - mappedSimilarity)}, in [0,1]; an attack when at least the
 * threshold ({@link #DEFAULT_THRESHOLD}). Either signal alone can reach it; two moderate signals together can too.
 *
 * <p><b>Embedding.</b> The embedding function is the caller's (in the gateway, the JCA connection); it must return one
 * L2-normalised vector per input, in order, and may throw a {@link RuntimeException} when the model is unavailable,
 * which propagates. The known attacks are embedded once, on first use. Segment vectors are kept in a bounded LRU
 * cache ({@value #CACHE_CAPACITY} entries) keyed by the exact segment text, so a system prompt repeated on every
 * request is embedded once. Instances are thread-safe.
 */
public final class InjectionDetector {

    /** The operating point the score is calibrated for. */
    public static final double DEFAULT_THRESHOLD = 0.8;

    static final int CACHE_CAPACITY = 1024;
    static final int MAX_EMBEDDED_SEGMENTS = 4;
    static final int WHOLE_TEXT_CHARS = 400;
    static final int MAX_SEGMENT_CHARS = 400;
    static final int MIN_SEGMENT_CHARS = 30;
    static final double COSINE_CENTRE = 0.62;
    static final double COSINE_SCALE = 0.045;
    static final double ANALYSIS_COSINE_SHIFT = 0.06;
    static final double QUOTED_ANALYSED_FACTOR = 0.35;
    static final double UNQUOTED_ANALYSED_FACTOR = 0.85;
    static final double QUOTED_PLAIN_FACTOR = 0.85;

    private final List<String> knownAttacks;
    private final Function<List<String>, List<float[]>> embed;
    private final Object attackLock = new Object();
    private volatile float[][] attackVectors;
    private final Map<String, float[]> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CACHE_CAPACITY;
        }
    };

    public InjectionDetector(List<String> knownAttacks, Function<List<String>, List<float[]>> embed) {
        this.knownAttacks = knownAttacks.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        this.embed = Objects.requireNonNull(embed, "embed");
    }

    /** Scores {@code text}; embeds at most {@value #MAX_EMBEDDED_SEGMENTS} segments not already cached. */
    public InjectionScore score(String text) {
        if (text == null || text.isBlank()) {
            return new InjectionScore(0, 0, 0, InjectionScore.NONE);
        }
        String norm = normalise(text);
        Heuristics heur = Heuristics.evaluate(norm, text);
        Framing framing = heur.framing;

        List<Segment> segments = chooseSegments(segment(norm), heur, framing);
        double cosine = maxCosine(segments, framing);
        double cosineAdj = cosine - (framing.analysed ? ANALYSIS_COSINE_SHIFT : 0);
        double s = cosine <= 0 ? 0 : 1 / (1 + Math.exp(-(cosineAdj - COSINE_CENTRE) / COSINE_SCALE));
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
        synchronized (cache) {
            return cache.size();
        }
    }

    // ---------------------------------------------------------------- similarity

    private double maxCosine(List<Segment> segments, Framing framing) {
        if (segments.isEmpty() || knownAttacks.isEmpty()) {
            return 0;
        }
        float[][] attacks = attackVectors();
        List<String> texts = new ArrayList<>(segments.size());
        for (Segment seg : segments) {
            String t = framing.analysed ? framing.maskQuotes(seg) : seg.text;
            t = t.strip();
            if (t.length() >= 3 && !texts.contains(t)) {
                texts.add(t);
            }
        }
        Map<String, float[]> vectors = vectors(texts);
        double best = 0;
        for (float[] v : vectors.values()) {
            for (float[] a : attacks) {
                double c = dot(v, a);
                if (c > best) {
                    best = c;
                }
            }
        }
        return best;
    }

    private float[][] attackVectors() {
        float[][] v = attackVectors;
        if (v == null) {
            synchronized (attackLock) {
                v = attackVectors;
                if (v == null) {
                    List<float[]> list = embed.apply(knownAttacks);
                    if (list == null || list.size() != knownAttacks.size()) {
                        throw new IllegalStateException("the embedding function returned "
                                + (list == null ? "nothing" : list.size() + " vectors") + " for " + knownAttacks.size() + " known attacks");
                    }
                    v = new float[list.size()][];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = unit(list.get(i));
                    }
                    attackVectors = v;
                }
            }
        }
        return v;
    }

    /** The vectors of {@code texts}: cached ones from the LRU, the others embedded in one call and then cached. */
    private Map<String, float[]> vectors(List<String> texts) {
        Map<String, float[]> out = new HashMap<>();
        List<String> missing = new ArrayList<>();
        synchronized (cache) {
            for (String t : texts) {
                float[] v = cache.get(t);
                if (v != null) {
                    out.put(t, v);
                } else {
                    missing.add(t);
                }
            }
        }
        if (!missing.isEmpty()) {
            List<float[]> embedded = embed.apply(missing);
            if (embedded == null || embedded.size() != missing.size()) {
                throw new IllegalStateException("the embedding function returned "
                        + (embedded == null ? "nothing" : embedded.size() + " vectors") + " for " + missing.size() + " segments");
            }
            synchronized (cache) {
                for (int i = 0; i < missing.size(); i++) {
                    float[] v = unit(embedded.get(i));
                    cache.put(missing.get(i), v);
                    out.put(missing.get(i), v);
                }
            }
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        int n = Math.min(a.length, b.length);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        n = Math.sqrt(n);
        if (n == 0 || Math.abs(n - 1) < 1e-4) {
            return v;
        }
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / n);
        }
        return u;
    }

    private static double clamp(double d) {
        return d < 0 ? 0 : d > 1 ? 1 : d;
    }

    // ---------------------------------------------------------------- normalisation and segments

    private static final Pattern INVISIBLE = Pattern.compile("[\\u00AD\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\uFEFF]");

    static String normalise(String text) {
        String n = Normalizer.normalize(text, Normalizer.Form.NFKC);
        // literal "\n" sequences (escaped newlines pasted into prompts) act as line breaks
        n = n.replace("\\n", "\n");
        return INVISIBLE.matcher(n).replaceAll("");
    }

    record Segment(int start, int end, String text) {
    }

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;。！？])\\s+|\\n+");

    static List<Segment> segment(String text) {
        List<Segment> out = new ArrayList<>();
        if (text.strip().length() <= WHOLE_TEXT_CHARS) {
            out.add(new Segment(0, text.length(), text.strip()));
            return out;
        }
        List<int[]> pieces = new ArrayList<>();
        Matcher m = SENTENCE_END.matcher(text);
        int from = 0;
        while (m.find()) {
            if (m.start() > from) {
                pieces.add(new int[] {from, m.start()});
            }
            from = m.end();
        }
        if (from < text.length()) {
            pieces.add(new int[] {from, text.length()});
        }
        int curStart = -1;
        int curEnd = -1;
        for (int[] p : pieces) {
            if (curStart < 0) {
                curStart = p[0];
            }
            curEnd = p[1];
            if (curEnd - curStart >= MIN_SEGMENT_CHARS) {
                addCut(out, text, curStart, curEnd);
                curStart = -1;
            }
        }
        if (curStart >= 0) {
            if (!out.isEmpty() && curEnd - curStart < MIN_SEGMENT_CHARS) {
                Segment last = out.remove(out.size() - 1);
                addCut(out, text, last.start, curEnd);
            } else {
                addCut(out, text, curStart, curEnd);
            }
        }
        return out;
    }

    private static void addCut(List<Segment> out, String text, int start, int end) {
        while (end - start > MAX_SEGMENT_CHARS) {
            int cut = text.lastIndexOf(' ', start + MAX_SEGMENT_CHARS);
            if (cut <= start + MAX_SEGMENT_CHARS / 2) {
                cut = start + MAX_SEGMENT_CHARS;
            }
            out.add(new Segment(start, cut, text.substring(start, cut).strip()));
            start = cut;
        }
        String t = text.substring(start, end).strip();
        if (!t.isEmpty()) {
            out.add(new Segment(start, end, t));
        }
    }

    private static final Pattern SUSPICIOUS_WORDS = Pattern.compile(
            "(?iu)\\b(ignor\\w*|disregard|forget|override|bypass|instructions?|rules|system|prompt|password|secret|reveal|pretend"
                    + "|act as|you are|you're|mode|restrict\\w*|filters?|polic\\w+|AI|assistant|LLM|model|jailbreak|DAN|from now on"
                    + "|new task|confidential|print|output|repeat|decode|execute|admin\\w*|developer|vergiss|anweisung\\w*|regeln"
                    + "|oublie\\w*|consignes?|règles|olvida\\w*|instrucci\\w+|reglas|contraseña|passwort|mot de passe)\\b");

    /** All segments if few, else the {@value #MAX_EMBEDDED_SEGMENTS} most suspicious (rule hits, vocabulary, first/last). */
    private static List<Segment> chooseSegments(List<Segment> all, Heuristics heur, Framing framing) {
        if (all.size() <= MAX_EMBEDDED_SEGMENTS) {
            return all;
        }
        int n = all.size();
        double[] rank = new double[n];
        for (int i = 0; i < n; i++) {
            Segment s = all.get(i);
            double r = 0;
            for (int[] hit : heur.hits) {
                if (hit[0] < s.end && hit[1] > s.start) {
                    r += 100;
                }
            }
            Matcher m = SUSPICIOUS_WORDS.matcher(s.text);
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
        for (int k = 0; k < MAX_EMBEDDED_SEGMENTS; k++) {
            out.add(all.get(idx.get(k)));
        }
        return out;
    }

    // ---------------------------------------------------------------- framing

    /** Whether the text talks about attacks (analysis framing) and where its quoted spans are. */
    static final class Framing {

        private static final Pattern ANALYSIS_CUES = Pattern.compile(
                "(?iu)(prompt[- ]?injection|injection|jailbreak\\w*|\\battack\\w*|\\bmalicious|\\bpayloads?\\b|\\bthreat\\w*"
                        + "|vulnerab\\w*|\\bexploit\\w*|\\bdetect(or|ion|ed|s)?\\b|\\bclassif\\w*|false positive|sanitiz\\w*|\\bOWASP\\b"
                        + "|\\bincident\\b|\\blogged\\b|\\blog (shows|line|entry|entries)|\\blog lines\\b|\\bflagged\\b|quarantin\\w*"
                        + "|red[- ]team (report|finding|exercise)|\\bphishing|security (report|analysis|team|training|advisory|perspective|audit"
                        + "|question|researchers?)|\\bexplain why\\b|\\bwhy (does|did|do|is) [^?]{0,60}(work|dangerous|risky)|\\bunit test"
                        + "|\\btest case|training data|threat model|\\baudit report|\\bAngriff\\w*|Sicherheitsteam|\\berkläre,? warum"
                        + "|\\battaque\\w*|rapport d'audit|\\bexplique pourquoi|\\bataque\\w*|informe de seguridad|\\bpor qué se considera"
                        + "|inyección)");
        /** Reported speech: a reporting verb right before a quote, e.g. {@code the user typed: "..."}. */
        private static final Pattern REPORTED_SPEECH = Pattern.compile(
                "(?iu)\\b(asked|typed|wrote|sent|said|says|posted|submitted|entered|complained|replied|answered|geschrieben|écrit|escribió)"
                        + "\\b[^.\"'“«„‘`\\n]{0,30}[:,]?\\s*[\"'“«„‘`]");
        private static final Pattern QUOTES = Pattern.compile(
                "(?s)```.*?(```|$)|`[^`\\n]{3,}`|\"[^\"]{4,}\"|“[^”]{4,}”|„[^“”]{4,}[“”]|«[^»]{4,}»|‘[^’]{4,}’"
                        + "|(?<![\\p{L}\\p{N}])'[^'\\n]{4,}?'(?![\\p{L}])|(?m)^>.*$");
        /** {@link #QUOTES} behind a look-ahead for the char every match starts with, so other positions fail at once. */
        private static final Pattern QUOTES_FAST = Pattern.compile("(?=[`\"“„«‘'>])(?:" + QUOTES.pattern() + ")");

        final boolean analysed;
        final List<int[]> quoted;
        private final String text;

        private Framing(String text, boolean analysed, List<int[]> quoted) {
            this.text = text;
            this.analysed = analysed;
            this.quoted = quoted;
        }

        /**
         * The framing of {@code text}; analysis cues inside {@code matched} spans (what the rules matched) do not count.
         * {@code present}: the keywords of {@code text} (see {@link KeywordScanner#scan}) to skip the cue expressions when they
         * cannot match, or null to run them regardless.
         */
        static Framing of(String text, List<int[]> matched, long[] present) {
            List<int[]> quoted = new ArrayList<>();
            Matcher q = (present == null ? QUOTES : QUOTES_FAST).matcher(text);
            StringBuilder outside = new StringBuilder(text.length());
            int last = 0;
            while (q.find()) {
                quoted.add(new int[] {q.start(), q.end()});
                outside.append(text, last, q.start()).append(' ');
                last = q.end();
            }
            outside.append(text, last, text.length());
            boolean analysed = false;
            Matcher cue = ANALYSIS_CUES.matcher(text);
            boolean cues = ANALYSIS_CUE_WORDS.mayMatch(present);
            while (!analysed && cues && cue.find()) {
                analysed = true;
                for (int[] span : matched) {
                    if (cue.start() < span[1] && cue.end() > span[0]) {
                        analysed = false;
                        break;
                    }
                }
            }
            analysed = analysed || (!quoted.isEmpty() && REPORTING_VERBS.mayMatch(present) && REPORTED_SPEECH.matcher(text).find());
            return new Framing(text, analysed, quoted);
        }

        boolean inQuotes(int start, int end) {
            for (int[] q : quoted) {
                if (start >= q[0] && end <= q[1]) {
                    return true;
                }
            }
            return false;
        }

        /** The segment with quoted spans replaced by an ellipsis in quotes. */
        String maskQuotes(Segment seg) {
            if (quoted.isEmpty()) {
                return seg.text;
            }
            StringBuilder sb = new StringBuilder();
            int pos = seg.start;
            for (int[] q : quoted) {
                if (q[1] <= seg.start || q[0] >= seg.end) {
                    continue;
                }
                int qs = Math.max(q[0], seg.start);
                if (qs > pos) {
                    sb.append(text, pos, qs);
                }
                sb.append("\"...\"");
                pos = Math.min(q[1], seg.end);
            }
            if (pos < seg.end) {
                sb.append(text, pos, seg.end);
            }
            return sb.toString();
        }
    }

    // ---------------------------------------------------------------- heuristics

    /**
     * A weighted rule; {@code when} is a necessary condition for {@code pattern} to match (see {@link Prefilter}), so the
     * pattern is not run on texts that cannot match it.
     */
    private record Rule(String id, double weight, Pattern pattern, Prefilter when) {
    }

    /** A {@link Prefilter} from its specification. */
    private static Prefilter when(String spec) {
        return Prefilter.of(spec);
    }

    private static final String I = "(?iu)";
    /** A gap within one sentence. */
    private static final String GAP = "[^.!?\\n]{0,40}?";
    private static final String GAP60 = "[^.!?\\n]{0,60}?";

    private static final String OVERRIDE_OBJECTS_EN = "(instructions?|prompts?|rules|directives?|directions|guidelines|guardrails|commands|orders"
            + "|programming|constraints?|restrictions|(content |safety )?polic(y|ies)|configuration|system (message|prompt)|assignments?"
            + "|the user(?:'s (question|request|message|instructions))?(?=[.,;!]|\\s+and\\b)|previous tasks?|(the|your) task|context|limitations|filters|safety (rules|checks|guidelines)|everything (above|before|you were told|else)"
            + "|what (you were|you've been|you have been) told)\\b";

    private static final List<Rule> RULES = List.of(
            // instruction override
            new Rule("override_instructions", 0.9, Pattern.compile(I + "\\b(ignore|disregard|forget|override|overrule|bypass|skip|drop|discard"
                    + "|cancel|set aside|pay no attention to|never ?mind|do not follow|don't follow|stop following|break)\\b" + GAP + "\\b"
                    + OVERRIDE_OBJECTS_EN),
                    when("\\bignore\\b|\\bdisregard\\b|\\bforget\\b|\\boverride\\b|\\boverrule\\b|\\bbypass\\b|\\bskip\\b|\\bdrop\\b"
                            + "|\\bdiscard\\b|\\bcancel\\b|\\bset aside\\b|\\bpay no attention to\\b|mind\\b|\\bdo not follow\\b"
                            + "|\\bdon't follow\\b|\\bstop following\\b|\\bbreak\\b & \\binstruction|\\bprompt|\\brules\\b"
                            + "|\\bdirective|\\bdirections\\b|\\bguidelines\\b|\\bguardrails\\b|\\bcommands\\b|\\borders\\b"
                            + "|\\bprogramming\\b|\\bconstraint|\\brestrictions\\b|\\bpolic|\\bconfiguration\\b|\\bsystem\\b"
                            + "|\\bassignment|\\bthe user\\b|\\btask|\\bcontext\\b|\\blimitations\\b|\\bfilters\\b|\\bsafety\\b"
                            + "|\\beverything\\b|\\btold\\b")),
            new Rule("override_instructions", 0.85, Pattern.compile(I + "\\b(ignore|disregard|forget)\\s+(what|whatever|anything)\\s+"
                    + "(the |your )?(developers?|operators?|admins?|administrators?|system|creators?|company)\\s+(said|told|wrote|says)"),
                    when("ignore|disregard|forget & what|anything & developer|operator|admin|system|creator|company & said|told|wrote"
                            + "|says")),
            new Rule("override_instructions", 0.9, Pattern.compile(I + "\\b(ignorier\\w*|vergiss|vergessen sie|missachte\\w*|überschreib\\w*"
                    + "|übergeh\\w*)\\b" + GAP + "(anweisung\\w*|instruktion\\w*|regeln|befehle?\\w*|vorgaben|richtlinien|aufträge|aufgaben"
                    + "|alles (davor|bisherige|vorherige|zuvor|oben|andere))"),
                    when("ignorier|vergiss|vergessen sie|missachte|überschreib|übergeh & anweisung|instruktion|regeln|befehl|vorgaben"
                            + "|richtlinien|aufträge|aufgaben|alles")),
            new Rule("override_instructions", 0.9, Pattern.compile(I + "\\b(ignore\\w*|oublie\\w*|ne tiens pas compte|fais abstraction)\\b"
                    + GAP + "(instructions?|consignes?|règles|directives|ordres|tout ce qui (a été dit|précède))"),
                    when("ignore|oublie|ne tiens pas compte|fais abstraction & instruction|consigne|règles|directives|ordres"
                            + "|tout ce qui")),
            new Rule("override_instructions", 0.9, Pattern.compile(I + "\\b(ignora\\w*|ignore\\w*|olvida\\w*|olvide\\w*|omite|descarta\\w*"
                    + "|haz caso omiso de)\\b" + GAP + "(instrucciones|reglas|órdenes|directrices|indicaciones|todo lo anterior)"),
                    when("ignora|ignore|olvida|olvide|omite|descarta|haz caso omiso de & instrucciones|reglas|órdenes|directrices"
                            + "|indicaciones|todo lo anterior")),
            new Rule("override_instructions", 0.9, Pattern.compile(I + "\\b(ignora|dimentica|ignore|esqueça|esqueca|negeer|vergeet|zignoruj"
                    + "|игнорируй|забудь)\\b" + GAP + "(istruzioni|regole|instruções|regras|instructies|regels|instrukcje|polecenia"
                    + "|инструкции|правила)"),
                    when("ignora|dimentica|ignore|esqueça|esqueca|negeer|vergeet|zignoruj|игнорируй|забудь & istruzioni|regole"
                            + "|instruções|regras|instructies|regels|instrukcje|polecenia|инструкции|правила")),
            new Rule("override_instructions", 0.9, Pattern.compile("(忽略|无视|忘记).{0,8}(指令|指示|规则|提示)|(指示|ルール|命令).{0,10}(無視|忘れ)"),
                    when("忽略|无视|忘记|無視|忘れ")),
            new Rule("rules_revoked", 0.85, Pattern.compile(I + "\\b(previous|prior|above|earlier|old|original|existing|system|bisherigen"
                    + "|vorherigen|précédentes|anteriores)\\s+(instructions?|rules|directives|guidelines|messages?|regeln|anweisungen|consignes"
                    + "|règles|reglas|instrucciones)\\b" + GAP + "\\b(are|were|is|have been|has been|sind|wurden|ya no son|ne sont plus)\\s+"
                    + "(now )?(void|invalid|revoked|cancell?ed|obsolete|outdated|deprecated|just a test|a test|no longer|aufgehoben|ungültig"
                    + "|válidas|valables|gone|irrelevant|fake)"),
                    when("\\bprevious\\b|\\bprior\\b|\\babove\\b|\\bearlier\\b|\\bold\\b|\\boriginal\\b|\\bexisting\\b|\\bsystem\\b"
                            + "|\\bbisherigen\\b|\\bvorherigen\\b|\\bprécédentes\\b|\\banteriores\\b & \\binstruction|\\brules\\b"
                            + "|\\bdirectives\\b|\\bguidelines\\b|\\bmessage|\\bregeln\\b|\\banweisungen\\b|\\bconsignes\\b"
                            + "|\\brègles\\b|\\breglas\\b|\\binstrucciones\\b & \\bvoid|\\binvalid|\\brevoked|\\bcancel|\\bobsolete"
                            + "|\\boutdated|\\bdeprecated|\\ba test|\\bno longer|\\baufgehoben|\\bungültig|\\bválidas|\\bvalables"
                            + "|\\bgone|\\birrelevant|\\bfake")),
            new Rule("rules_revoked", 0.8, Pattern.compile(I + "\\b(everything|all)\\s+(above|before)\\s+(this|my)\\s+(line|message)\\s+"
                    + "(is|was)\\s+(obsolete|void|irrelevant|a test)"),
                    when("above|before & line|message & obsolete|void|irrelevant|a test")),
            new Rule("priority_claim", 0.75, Pattern.compile(I + "\\b(takes?|has|have)\\s+(precedence|priority)\\s+over|\\bhighest priority\\b"
                    + "|\\bobey (this|me|my)\\b" + GAP + "\\b(over|instead|rather)|\\bsystem-level instruction|\\bsupersedes?\\b"),
                    when("precedence|priority|obey|system-level instruction|supersede")),
            new Rule("priority_claim", 0.8, Pattern.compile(I + "\\b(disable|turn off|deactivate|switch off|suspend|lift|remove|désactive\\w*"
                    + "|deaktivier\\w*|desactiva\\w*)\\s+(all |your |the |tes |deine |tus )?(filters?|content moderation|moderation|safety"
                    + "( checks| filters)?|guardrails|restrictions|filtres|filter|filtros)\\b|\\b(filters?|restrictions|safety checks|guardrails"
                    + "|rules)\\s+(are |have been )?(now )?(disabled|lifted|removed|suspended|off)\\b"),
                    when("\\bdisable\\b|\\bdeactivate\\b|\\bsuspend\\b|\\blift\\b|\\bremove\\b|\\bdésactive|\\bdeaktivier|\\bdesactiva"
                            + "|\\bdisabled\\b|\\blifted\\b|\\bremoved\\b|\\bsuspended\\b|\\boff\\b & \\bfilter\\b|\\bfilters\\b"
                            + "|\\bmoderation\\b|\\bsafety\\b|\\bguardrails\\b|\\brestrictions\\b|\\bfiltres\\b|\\bfiltros\\b"
                            + "|\\brules\\b")),
            new Rule("priority_claim", 0.55, Pattern.compile(I + "\\b(admin(istrator)?|developer|operator|root|sudo)[- ](override|access)\\b"
                    + "|\\bI am (the|your) (developer|administrator|admin|creator|operator)\\b|\\b(authori[sz]ed|sanctioned|approved)\\s+"
                    + "(red[- ]team |security )?(test|override|request)\\b|\\bcode word\\b|\\btest autorisé\\b"),
                    when("override|access ; i am & admin|developer|creator|operator ; authori|sanctioned|approved & test|override"
                            + "|request ; code word ; test autorisé")),
            new Rule("new_instructions", 0.45, Pattern.compile(I + "\\b(new|updated|real|true|actual|only)\\s+(instructions?|rules?|rule set"
                    + "|task|objective|mission|priority task|goal)\\b\\s*(follow|loaded|is|are|:|supersedes)|\\bneue anweisungen\\b"
                    + "|\\bnouvelles consignes\\b|\\bnuevas instrucciones\\b|\\binstrucción prioritaria\\b"),
                    when("\\bnew\\b|\\bupdated\\b|\\breal\\b|\\btrue\\b|\\bactual\\b|\\bonly\\b & \\binstruction|\\brule|\\btask\\b"
                            + "|\\bobjective\\b|\\bmission\\b|\\bgoal\\b & \\bfollow|\\bloaded|\\bis|\\bare|:"
                            + "|\\bsupersedes ; neue anweisungen ; nouvelles consignes ; nuevas instrucciones ; instrucción prioritaria")),
            new Rule("override_instructions", 0.2, Pattern.compile(I + "\\bbreak (your|the) rules\\b"),
                    when("break & rules")),
            new Rule("override_instructions", 0.75, Pattern.compile(I + "\\b(whatever|everything) you (were|have been|'ve been) (told|instructed|asked)"
                    + "\\b[^.!?\\n]{0,30}\\b(stop|ignore|forget|disregard)|\\byou have no (prior |previous |more |content |safety )?(instructions"
                    + "|rules|restrictions|limits|filters|guidelines)\\b|\\b(follow|obey) (mine|my instructions|only me|me) instead\\b"
                    + "|\\bthe only rule is\\b"),
                    when("whatever you|everything you & told|instructed|asked & stop|ignore|forget"
                            + "|disregard ; you have no ; instead & follow|obey ; the only rule is")),
            new Rule("rules_revoked", 0.75, Pattern.compile(I + "\\b(text|everything|instructions?|prompt|message) above (was|were|is)\\s+"
                    + "(just |only )?(an example|a test|obsolete|irrelevant|fake|void)|\\b(rules|restrictions|guidelines|policies|filters)\\s+"
                    + "(don't|do not|no longer) (exist|apply)\\b|\\bpretend (that )?(the |your )?(rules|restrictions|guidelines|filters)"),
                    when("above & an example|a test|obsolete|irrelevant|fake|void ; exist|apply & don't|do not"
                            + "|no longer ; pretend & rules|restrictions|guidelines|filters")),
            new Rule("new_instructions", 0.7, Pattern.compile(I + "\\b(the )?(real|true|actual) (instruction|task|goal|objective)s? (is|are)\\b"
                    + "|\\b(that is|that's) enough\\b[^\\n]{0,40}\\b(another|new|different) task\\b|\\bnow focus on your new task\\b"),
                    when("task ; real|true|actual & instruction|goal|objective")),
            new Rule("persistent_behaviour", 0.55, Pattern.compile(I + "\\b(to|in|at the end of|append\\w* to) (every|each|all) (future )?(reply"
                    + "|replies|answer|answers|response|responses|message)\\b|\\b(every|all) future users?\\b|\\bfrom now on,? (respond|reply"
                    + "|answer|only|always|never|refer|say|you)\\b"),
                    when("\\bto every\\b|\\bto each\\b|\\bto all\\b|\\bin every\\b|\\bin each\\b|\\bin all\\b|\\bof every\\b"
                            + "|\\bof each\\b|\\bof all\\b & \\breply\\b|\\breplies\\b|\\banswer\\b|\\banswers\\b|\\bresponse\\b"
                            + "|\\bresponses\\b|\\bmessage\\b ; future user ; from now on")),
            new Rule("goal_hijack", 0.8, Pattern.compile(I + "\\b(don't|do not|stop|no need to)\\s+(\\w+\\s+)?(summari[sz]\\w*|translat\\w*"
                    + "|answer\\w*|classify\\w*|evaluat\\w*|edit\\w*)\\b[^\\n]{0,50}?\\binstead\\b|\\binstead of (summari[sz]ing|translating"
                    + "|answering|classifying|evaluating)\\b"),
                    when("instead & summari|translat|answer|classify|evaluat|edit")),
            new Rule("ai_directive", 0.65, Pattern.compile(I + "\\b(AI|LLM|assistants?|chatbot|language model|agents?)\\b[\\w ]{0,20}?\\b(must"
                    + "|should|shall|is required to|are required to|needs to|need to|has to|have to)\\s+(now\\s+|always\\s+|never\\s+)?"
                    + "(\\w+)"),
                    when("\\bai\\b|\\bllm\\b|\\bassistant|\\bchatbot\\b|\\blanguage model\\b|\\bagent & \\bmust\\b|\\bshould\\b"
                            + "|\\bshall\\b|\\bis required to\\b|\\bare required to\\b|\\bneeds to\\b|\\bneed to\\b|\\bhas to\\b"
                            + "|\\bhave to\\b")),
            new Rule("instructions_for_ai", 0.8, Pattern.compile(I + "\\binstructions?\\s+(for|to)\\s+(the |any |all )?(AI|LLM|assistants?"
                    + "|chatbot|language model|model|summari[sz]\\w* model|agents?)\\b|\\bai[-_ ]instructions\\b|@(assistant|ai|bot|llm)\\b"
                    + "|(?-i:\\b(SYSTEM|ADMIN|DEVELOPER) (INSTRUCTIONS?|MESSAGE|PROMPT|OVERRIDE|UPDATE|NOTE)\\b)|#{2,}\\s*(system|assistant"
                    + "|instructions?)\\b"),
                    when("\\binstruction & \\bfor\\b|\\bto\\b & \\bai\\b|\\bllm\\b|\\bassistant|\\bchatbot\\b|\\blanguage model\\b"
                            + "|\\bmodel\\b|\\bsummari|\\bagent ; \\bai & instructions\\b ; @assistant\\b|@ai\\b|@bot\\b"
                            + "|@llm\\b ; \\bsystem instruction|\\bsystem message\\b|\\bsystem prompt\\b|\\bsystem override\\b"
                            + "|\\bsystem update\\b|\\bsystem note\\b|\\badmin instruction|\\badmin message\\b|\\badmin prompt\\b"
                            + "|\\badmin override\\b|\\badmin update\\b|\\badmin note\\b|\\bdeveloper instruction"
                            + "|\\bdeveloper message\\b|\\bdeveloper prompt\\b|\\bdeveloper override\\b|\\bdeveloper update\\b"
                            + "|\\bdeveloper note\\b ; ##")),
            new Rule("instructions_for_ai", 0.7, Pattern.compile("\\b(IMPORTANT|ADDITIONAL|URGENT|NEW|HIDDEN)\\s+INSTRUCTIONS?\\b"),
                    when("important|additional|urgent|new|hidden & instruction")),
            new Rule("stay_in_character", 0.45, Pattern.compile(I + "\\b(do not|don't|never) break character\\b|\\bnever steps? out of"
                    + " (the |their |its )?(role|character)\\b|\\bbreak(s|ing)? character\\b"),
                    when("character ; never step & role")),
            // persona / role hijack
            new Rule("persona_hijack", 0.9, Pattern.compile(I + "\\b(act(ing)? as|you are|you're|become|called|named|roleplay as|role-play as"
                    + "|pretend to be|tu so, als wärst du|du bist)\\s+(now\\s+)?(DAN|STAN|DUDE|AIM|AntiGPT|FreeGPT|EvilBot|Omega)\\b"
                    + "|\\bdo anything now\\b|\\bDAN mode\\b|\\bDAN is ready\\b|\\bStay (DAN|Omega|in character as DAN)\\b"),
                    when("\\bdan\\b|\\bstan\\b|\\bdude\\b|\\baim\\b|\\bantigpt\\b|\\bfreegpt\\b|\\bevilbot\\b|\\bomega\\b"
                            + "|\\bdo anything now\\b")),
            new Rule("persona_hijack", 0.85, Pattern.compile(I + "\\b(developer|god|jailbreak|maintenance|unrestricted|uncensored|unfiltered"
                    + "|sudo|admin)\\s+mode\\s*(is\\s+)?(enabled|activated|engaged)\\b|\\b(enable|activate|switch to|enter|you are (now )?in"
                    + "|with)\\s+(the\\s+)?(god|jailbreak|unrestricted|uncensored|unfiltered|DAN|sudo|developer|maintenance)\\s+mode\\b"
                    + "|\\bin (developer|jailbreak|god|maintenance) mode,? (you|the assistant)\\b|\\bentwicklermodus\\b|\\bmode (développeur|dieu)"
                    + "\\s+(activé|enclenché)|\\bmodo (desarrollador|dios)\\s+activado|\\bjailbreak mode\\b"),
                    when("mode & developer|god|jailbreak|maintenance|unrestricted|uncensored|unfiltered|sudo|admin|dan|développeur"
                            + "|dieu ; entwicklermodus ; modo")),
            new Rule("persona_hijack", 0.85, Pattern.compile(I + "\\b(act(ing)? as|pretend(ing)?( to be| you are| you're| that you)?|you are"
                    + "|you're|roleplay as|role-play as|imagine (you are|you're)|simulate|become|from now on,? you|a version of yourself"
                    + "|your character is|you play|you will play|playing)"
                    + "\\b[^.!?\\n]{0,60}?\\b(no|without|free (of|from)|zero|not bound by|don't have|do not have|freed from|escaped|lost|stripped of)\\b"
                    + "[^.!?\\n]{0,25}?\\b(any\\s+)?(restrictions?|rules|limits|limitations|filters?|guidelines|ethics|morals?|censorship"
                    + "|content polic\\w+|safety( training| guidelines)?|system prompt|developers)\\b"),
                    when("act as|acting as|pretend|you are|you're|play|simulate|become|from now on|yourself|your character is & no"
                            + "|without|free|zero|don't have|escaped|lost|stripped of & restriction|rules|limit|filter|guidelines"
                            + "|ethics|moral|censorship|content polic|safety|system prompt|developers")),
            new Rule("persona_hijack", 0.8, Pattern.compile(I + "\\b(unrestricted|uncensored|unfiltered|jailbroken|evil)\\s+(AI|model"
                    + "|assistant|version|bot|chatbot|LLM|GPT)\\b|\\bhas broken free\\b|\\bnot bound by (any|the)\\b|\\bwithout any (ethical"
                    + "|moral) (or moral )?(guidelines|restrictions)|\\b(no|without) (ethical|moral) (or moral )?(guidelines|restrictions)"),
                    when("unrestricted|uncensored|unfiltered|jailbroken|evil|has broken free|not bound by|ethical|moral")),
            new Rule("persona_hijack", 0.85, Pattern.compile(I + "\\b(KI|AI|IA|modell|assistent|model)\\b[^.!?\\n]{0,30}?\\b(ohne|keine|sans"
                    + "( aucune)?|sin( ninguna)?|senza( alcuna)?|sem)\\s+(einschränkung\\w*|regeln|richtlinien|filter|restrictions?|règles"
                    + "|filtres|restricci\\w+|reglas|filtros|restrizion\\w*|restrições)|\\b(comme si tu n'avais|als ob du keine|como si no"
                    + " tuvieras|tu so, als)\\b|\\bresponde a todo sin filtros\\b"),
                    when("einschränkung|regeln|richtlinien|filt|restri|règles|reglas|comme si tu n'avais|als ob du keine"
                            + "|como si no tuvieras|tu so, als")),
            new Rule("persona_switch", 0.45, Pattern.compile(I + "\\b(you are|you're) now\\s+(a|an|in|my|no longer)\\b|\\bnow you are\\b"
                    + "|\\bfrom (now on|this moment),? you (are|will|must)\\b|\\byou are no longer\\b|\\bstay in character\\b"
                    + "|\\b(ab jetzt|von nun an) bist du\\b|\\bdu bist (jetzt|nun)\\b|\\btu es maintenant\\b|\\bdésormais,? tu es\\b"
                    + "|\\bahora eres\\b|\\bda ora sei\\b|\\bagora você é\\b|\\bnever refuses?\\b|\\bnever break character\\b"),
                    when("you are now|you're now|now you are|from now on|from this moment|you are no longer|stay in character|bist du"
                            + "|du bist|tu es|ahora eres|da ora sei|agora você é|never refuse|never break character")),
            // extraction
            new Rule("system_prompt_extraction", 0.85, Pattern.compile(I + "\\b(reveal|show|print|output|repeat|display|tell|give|share|leak"
                    + "|dump|recite|paste|quote|spell|write out|copy|translate|summari[sz]e|encode|send|what (is|are|were|does)|remind)\\b"
                    + GAP + "\\b(your|my)\\s+(\\w+\\s+){0,2}?(system prompt|system message|initial prompt|original prompt|pre-?prompt|prompt"
                    + "|hidden (prompt|instructions|rules)|developer message|instructions|configuration|rules you|password|secret|api key"
                    + "|context( window)?|directives|guidelines)\\b"),
                    when("\\breveal\\b|\\bshow\\b|\\bprint\\b|\\boutput\\b|\\brepeat\\b|\\bdisplay\\b|\\btell\\b|\\bgive\\b"
                            + "|\\bshare\\b|\\bleak\\b|\\bdump\\b|\\brecite\\b|\\bpaste\\b|\\bquote\\b|\\bspell\\b|\\bwrite out\\b"
                            + "|\\bcopy\\b|\\btranslate\\b|\\bsummari|\\bencode\\b|\\bsend\\b|\\bwhat is\\b|\\bwhat are\\b"
                            + "|\\bwhat were\\b|\\bwhat does\\b|\\bremind\\b & \\byour\\b|\\bmy\\b & prompt|system message"
                            + "|hidden rules|developer message|instructions|configuration|rules you|password|secret|api key|context"
                            + "|directives|guidelines")),
            new Rule("system_prompt_extraction", 0.85, Pattern.compile(I + "\\b(reveal|show|print|output(?! filters?)|repeat|display|tell|give"
                    + "|share|leak|dump|recite|paste|quote|spell|write out|copy|what (is|are|were))\\b" + GAP + "\\bthe\\s+(system prompt|system message"
                    + "|(initial|original|hidden|secret|confidential|exact|full) (prompt|instructions|password|rules|text|notes)|developer"
                    + " message|pre-?prompt|password|prompt above|text above|instructions you (were|have been) given)\\b"),
                    when("\\breveal\\b|\\bshow\\b|\\bprint\\b|\\boutput\\b|\\brepeat\\b|\\bdisplay\\b|\\btell\\b|\\bgive\\b"
                            + "|\\bshare\\b|\\bleak\\b|\\bdump\\b|\\brecite\\b|\\bpaste\\b|\\bquote\\b|\\bspell\\b|\\bwrite out\\b"
                            + "|\\bcopy\\b|\\bwhat is\\b|\\bwhat are\\b|\\bwhat were\\b & \\bthe\\b & prompt\\b|\\bprompt"
                            + "|\\bsystem message\\b|\\binstructions\\b|\\bpassword\\b|\\brules\\b|\\btext\\b|\\bnotes\\b"
                            + "|\\bdeveloper message\\b")),
            new Rule("system_prompt_extraction", 0.8, Pattern.compile(I + "\\b(words|text|everything|all|content|anything)\\s+(written\\s+)?"
                    + "(above|before)\\s+(this|my)\\b|\\bwhat was written (above|before)\\b|\\b(everything|all|anything) (that |which )?(was|is|were) written (above|before)"
                    + "\\b|\\b(text|content|contents|wording) of your (instructions|prompt|rules|system prompt)\\b|\\b(reveal|tell|show|print)"
                    + "\\b[^.!?\\n]{0,20}\\b(what|which) (instructions|rules|prompt)\\b|\\bbetween <system> and </system>"
                    + "|\\b(instructions|prompt) you (were|have been|'ve been|received|got) ?(given|initiali[sz]ed with|received)?\\b|\\bstarting with the (phrase|words) \"?you are"),
                    when("\\babove\\b|\\bbefore\\b & \\bthis\\b|\\bmy\\b & \\bwords\\b|\\btext\\b|\\beverything\\b|\\ball\\b"
                            + "|\\bcontent\\b|\\banything\\b ; \\bwritten above\\b|\\bwritten before\\b ; \\bof your instructions\\b"
                            + "|\\bof your prompt\\b|\\bof your rules\\b|\\bof your system prompt\\b ; \\breveal\\b|\\btell\\b"
                            + "|\\bshow\\b|\\bprint\\b & \\bwhat instructions\\b|\\bwhat rules\\b|\\bwhat prompt\\b"
                            + "|\\bwhich instructions\\b|\\bwhich rules\\b"
                            + "|\\bwhich prompt\\b ; \\bbetween <system> and </system> ; \\binstructions you\\b"
                            + "|\\bprompt you\\b ; \\bstarting with the phrase\\b|\\bstarting with the words\\b")),
            new Rule("system_prompt_extraction", 0.8, Pattern.compile(I + "(systemprompt|system-prompt|prompt système|prompt del sistema"
                    + "|prompt di sistema|prompt de sistema|prompt systemowy|systeemprompt|системный промпт|系统提示|システムプロンプト"
                    + "|versteckten anweisungen|instructions qui vous ont été données)"),
                    when("systemprompt|system-prompt|prompt système|prompt del sistema|prompt di sistema|prompt de sistema"
                            + "|prompt systemowy|systeemprompt|системный промпт|系统提示|システムプロンプト|versteckten anweisungen"
                            + "|instructions qui vous ont été données")),
            new Rule("secret_extraction", 0.8, Pattern.compile(I + "\\b(password|passwort|mot de passe|contraseña|secret)\\b[^.!?\\n]{0,50}?"
                    + "(backwards|reverse|spell|letter|character|first letters|hint|rückwärts|lettre par lettre|al revés|vowel|language other)"
                    + "|\\b(spell|hint|backwards|reverse|first letters)\\b[^.!?\\n]{0,40}?\\b(the|your) (secret )?(password|passwort)\\b"
                    + "|\\bwhat is the (secret )?password\\b(?!\\s+(policy|requirements?|manager|rules|reset))|\\bsecret password\\b|\\bwie lautet das passwort\\b|\\bquel est le mot de passe\\b"
                    + "|\\bcuál es la contraseña\\b|\\b(letters?|characters?) of (the|your) password\\b"),
                    when("password|passwort|mot de passe|contraseña|secret")),
            // delimiter / fake role
            new Rule("fake_role_delimiter", 0.75, Pattern.compile(I + "(?m)^\\s*(#{2,}\\s*|\\[{1,2}\\s*|<\\|?\\s*|\\{\\{\\s*)?(system|sys|developer"
                    + "|admin|instructions?|assistant instructions)(\\s+(message|update|override))?\\s*(\\]{1,2}|\\|?>|:|\\}\\}|#{2,})"),
                    when("sys|developer|admin|instruction & ]|>|:|}}|##")),
            new Rule("fake_role_delimiter", 0.8, Pattern.compile(I + "</?\\s*(system|user|assistant|instructions?|context|admin|sys|document"
                    + "|system_\\w+)(\\s+[^<>]{0,40})?>"),
                    when("< & > & sys|user|assistant|instruction|context|admin|document")),
            new Rule("fake_role_delimiter", 0.9, Pattern.compile(I + "<\\|(im_start|im_end|system|user|assistant|endoftext)\\|>|\\[/?INST\\]"
                    + "|<</?SYS>>|\\[system\\]\\(#\\w+\\)|\"role\"\\s*:\\s*\"system\""),
                    when("< & > & im_start|im_end|system|user|assistant|endoftext ; inst] ; << ; [system](# ; \"role\"")),
            new Rule("fake_role_delimiter", 0.65, Pattern.compile(I + "\\bEND OF (USER )?(INPUT|DOCUMENT|PROMPT|CONTEXT)\\b|(-{3,}|={3,})\\s*END"
                    + "\\b|\\bSYSTEM OVERRIDE\\b|\\b(Human|User|USER):[^\\n]*\\n+\\s*(Assistant|ASSISTANT):[^\\n]*\\n+\\s*(System|SYSTEM):"
                    + "|\\bSYSTEM:\\s|\\bsystem:\\s*the\\b|(?m)^\\s*role:\\s*system"),
                    when("\\bend of input\\b|\\bend of document\\b|\\bend of prompt\\b|\\bend of context\\b|\\bend of user input\\b"
                            + "|\\bend of user document\\b|\\bend of user prompt\\b|\\bend of user context\\b|\\bsystem override\\b"
                            + "|\\bsystem:|\\brole: ; ---|=== & \\bend\\b")),
            // encoded / obfuscated payloads
            new Rule("encoded_payload", 0.8, Pattern.compile(I + "\\b(decode|decipher|deobfuscate|reverse|base64-decode|unscramble|decodifica"
                    + "|decodiere|décode|read)\\b[^.!?\\n]{0,70}?\\b(and|then|y|und|et)\\b[^.!?\\n]{0,30}?\\b(follow|execute|obey|comply|do what"
                    + "|act on|treat it as|perform|run|sigue|befolge|suis|exécute)"),
                    when("\\bdecode\\b|\\bdecipher\\b|\\bdeobfuscate\\b|\\breverse\\b|\\bunscramble\\b|\\bdecodifica\\b"
                            + "|\\bdecodiere\\b|\\bdécode\\b|\\bread\\b & \\band\\b|\\bthen\\b|\\by\\b|\\bund\\b|\\bet\\b & \\bfollow"
                            + "|\\bexecute|\\bobey|\\bcomply|\\bdo what|\\bact on|\\btreat it as|\\bperform|\\brun|\\bsigue|\\bbefolge"
                            + "|\\bsuis|\\bexécute")),
            new Rule("encoded_payload", 0.8, Pattern.compile(I + "\\b(execute|run|perform|obey|follow)\\b[^.!?\\n]{0,30}?\\b(hex|base64|encoded"
                    + "|morse|cipher|rot13|reversed)\\b|\\b(decode|decipher)\\b[^.!?\\n]{0,30}\\b(and|then)\\s+(comply|obey|execute)"
                    + "|\\bthis is rot13\\b|\\b(decode|decodifica|décode)\\w*\\s+(this|the following|este|ce)\\s+base64\\b"),
                    when("hex|base64|encoded|morse|cipher|rot13|reversed ; decode & comply|obey|execute")),
            new Rule("payload_splitting", 0.7, Pattern.compile(I + "\\b(concatenat\\w*|combine the parts|\\w+ ?\\+ ?\\w+ ?\\+ ?\\w+|first letter"
                    + " of each word|if x ?=)\\b[^\\n]{0,80}?\\b(execute|perform|act on|do x|follow|reveal|then)\\b|\\b(perform|execute|run|act on|do)\\s+"
                    + "\\w+\\s*\\+\\s*\\w+|\\bcombine the parts\\b"),
                    when("concatenat|combine the parts|+|first letter of each word|if x & \\bexecute\\b|\\bperform\\b|\\bact on\\b"
                            + "|\\bdo x\\b|\\bfollow\\b|\\breveal\\b|\\bthen\\b ; \\bperform\\b|\\bexecute\\b|\\brun\\b|\\bact on\\b"
                            + "|\\bdo\\b & + ; combine the parts")),
            // addressed to an AI inside data (indirect injection)
            new Rule("addressed_to_ai", 0.8, Pattern.compile(I + "\\bif you are an? (AI|LLM|language model|assistant|chatbot|AI model|AI assistant"
                    + "|LLM-powered assistant)\\b|\\b(note|message|instructions?|attention|hint|hey|hi|dear|important instructions)\\s+(to|for)?"
                    + "\\s*(the |any |all )?(AI|LLM|assistants?|chatbot|language model|summari[sz]er|summari[sz]ation model|AI \\w+( \\w+)?"
                    + "|LLM \\w+|coding agents?)\\b[^.\\n]{0,40}?(:|,|-|reading|processing|when|summari[sz]ing|translating|reviewing|screening)|\\b(AI|LLM)[\\w ]{0,25}:\\s*(ignore|disregard|do not"
                    + "|don't|also|approve|rate|say|tell|when|after|before|now|from now on|please|you must|you should|stop|instead|reply|send"
                    + "|forward)\\b|\\bhinweis an den (KI|AI)|\\bnote pour l'assistant|\\bnota para el asistente"
                    + "|\\bassistants? (reading|processing) this\\b"),
                    when("\\bif you are a ; \\bnote\\b|\\bmessage\\b|\\binstruction|\\battention\\b|\\bhint\\b|\\bhey\\b|\\bhi\\b"
                            + "|\\bdear\\b & ai\\b|llm\\b|assistant|chatbot\\b|language model\\b|summari|coding agent ; \\bai"
                            + "|\\bllm & : & \\bignore\\b|\\bdisregard\\b|\\bdo not\\b|\\bdon't\\b|\\balso\\b|\\bapprove\\b|\\brate\\b"
                            + "|\\bsay\\b|\\btell\\b|\\bwhen\\b|\\bafter\\b|\\bbefore\\b|\\bnow\\b|\\bfrom now on\\b|\\bplease\\b"
                            + "|\\byou must\\b|\\byou should\\b|\\bstop\\b|\\binstead\\b|\\breply\\b|\\bsend\\b"
                            + "|\\bforward\\b ; hinweis an den ; note pour l'assistant ; nota para el asistente ; reading this"
                            + "|processing this")),
            new Rule("addressed_to_ai", 0.8, Pattern.compile(I + "(^|[.!?:\\n]\\s*|\\(|\\[)\\s*(P\\.?S\\.?\\s*)?(assistant|AI|LLM|AI assistant|dear assistant"
                    + "|@assistant)\\s*,\\s*(when|if|after|before|please|do|stop|ignore|render|this|the user|you|call|from now|stop)\\b"
                    + "|\\b(when|while|before|after)\\s+(you\\s+)?(the assistant |an? \\w+ )?(process|read|summari[sz]|translat|review)\\w*\\s+"
                    + "(this|the)\\s+(\\w+\\s+)?(email|e-mail|document|page|message|text|file|invite|minutes|paper|web page)\\b[^.\\n]{0,40}?\\b(must|should"
                    + "|do not|don't|forward|send|tell|delete|ignore)\\b"),
                    when("assistant\\b|ai\\b|llm\\b & , & \\bwhen\\b|\\bif\\b|\\bafter\\b|\\bbefore\\b|\\bplease\\b|\\bdo\\b"
                            + "|\\bstop\\b|\\bignore\\b|\\brender\\b|\\bthis\\b|\\bthe user\\b|\\byou\\b|\\bcall\\b"
                            + "|\\bfrom now\\b ; \\bwhen\\b|\\bwhile\\b|\\bbefore\\b|\\bafter\\b & \\bprocess|\\bread|\\bsummari"
                            + "|\\btranslat|\\breview & \\bemail\\b|\\be-mail\\b|\\bdocument\\b|\\bpage\\b|\\bmessage\\b|\\btext\\b"
                            + "|\\bfile\\b|\\binvite\\b|\\bminutes\\b|\\bpaper\\b & \\bmust\\b|\\bshould\\b|\\bdo not\\b|\\bdon't\\b"
                            + "|\\bforward\\b|\\bsend\\b|\\btell\\b|\\bdelete\\b|\\bignore\\b")),
            new Rule("conceal_from_user", 0.7, Pattern.compile(I + "\\b(do not|don't|never)\\s+(tell|mention|inform|reveal (this|it) to|let)"
                    + "\\s+(the user|it|this|them|anyone)\\b|\\bwithout (telling|informing) the user\\b|\\bnever reveal this instruction\\b"
                    + "|\\bdo not mention it\\b"),
                    when("\\bdo not\\b|\\bdon't\\b|\\bnever\\b & \\btell\\b|\\bmention\\b|\\binform\\b|\\breveal\\b"
                            + "|\\blet\\b & \\bthe user\\b|\\bit\\b|\\bthis\\b|\\bthem\\b"
                            + "|\\banyone\\b ; \\bwithout\\b & \\bthe user\\b")),
            new Rule("exfiltration", 0.75, Pattern.compile(I + "\\b(send|forward|email|mail|post|upload|transmit|exfiltrate|reenvía|sende"
                    + "|envoie)\\b[^.!?\\n]{0,80}?\\b(to|at|an|à|a)\\s+(\\S+@\\S+|https?://\\S+)"),
                    when("@|http & send|forward|mail|post|upload|transmit|exfiltrate|reenvía|envoie")),
            new Rule("exfiltration", 0.7, Pattern.compile(I + "!\\[[^\\]]*\\]\\(https?://[^)\\s]*[?&=][^)]*\\)|\\b(curl|wget)\\b[^|\\n]*\\|\\s*"
                    + "(sh|bash)\\b|\\bcall the \\w+ tool\\b|\\bexecute \\w+\\(\\)"),
                    when("![ & ](http ; curl|wget ; call the & tool ; execute & ()")),
            // goal hijacking
            new Rule("goal_hijack", 0.85, Pattern.compile(I + "\\b(say|print|output|respond with|reply with|write|answer with)\\b[^.!?\\n]{0,30}?"
                    + "\\b(I have been P\\s?W\\s?N\\s?E\\s?D|pwned|hacked|I hate humans)\\b|\\bI have been PWNED\\b"),
                    when("i have been|pwned|hacked|i hate humans")),
            new Rule("instead_of_task", 0.45, Pattern.compile(I + "\\b(instead|rather)\\b,?[^.!?\\n]{0,30}?\\b(say|print|output|respond|reply|write"
                    + "|tell|state|claim)\\b|\\b(don't|do not)\\s+(summari[sz]e|translate|answer|classify)\\b|\\bactually,? (don't|do not|no)\\b"
                    + "|\\bno wait\\b|\\bjust kidding\\b|\\bscratch that\\b"),
                    when("\\binstead\\b|\\brather\\b ; \\bdon't\\b|\\bdo not\\b & \\bsummari|\\btranslate\\b|\\banswer\\b"
                            + "|\\bclassify\\b ; \\bactually ; \\bno wait\\b ; \\bjust kidding\\b ; \\bscratch that\\b")));

    /** Necessary conditions for {@link Framing}'s analysis cues and reported speech (the same contract as the rules'). */
    private static final Prefilter ANALYSIS_CUE_WORDS = when("injection|jailbreak|\\battack|\\bmalicious|\\bpayload|\\bthreat"
            + "|vulnerab|\\bexploit|\\bdetect|\\bclassif|false positive|sanitiz|\\bowasp\\b|\\bincident\\b|\\blogged\\b|\\blog shows"
            + "|\\blog line|\\blog entr|\\bflagged\\b|quarantin|team report|team finding|team exercise|\\bphishing|security report"
            + "|security analysis|security team|security training|security advisory|security perspective|security audit"
            + "|security question|security researcher|\\bexplain why\\b|\\bwhy does\\b|\\bwhy did\\b|\\bwhy do\\b|\\bwhy is\\b"
            + "|\\bunit test|\\btest case|training data|threat model|\\baudit report|\\bangriff|sicherheitsteam|\\berkläre|\\battaque"
            + "|rapport d'audit|\\bexplique pourquoi|\\bataque|informe de seguridad|\\bpor qué se considera|inyección");
    private static final Prefilter REPORTING_VERBS = when("\\basked\\b|\\btyped\\b|\\bwrote\\b|\\bsent\\b|\\bsaid\\b|\\bsays\\b"
            + "|\\bposted\\b|\\bsubmitted\\b|\\bentered\\b|\\bcomplained\\b|\\breplied\\b|\\banswered\\b|\\bgeschrieben\\b|\\bécrit\\b"
            + "|\\bescribió\\b");

    /** One pass over a text finds every keyword of every prefilter above. */
    static final KeywordScanner KEYWORDS = new KeywordScanner(Stream.concat(RULES.stream().map(Rule::when),
            Stream.of(ANALYSIS_CUE_WORDS, REPORTING_VERBS)).toList());

    /**
     * A necessary condition for a regular expression to match, in literal keywords: branches separated by {@code ;}, each a
     * conjunction of groups separated by {@code &}, each group a disjunction of keywords separated by {@code |}. The
     * expression can match a text only if some branch has, in each of its groups, a keyword that occurs in the text.
     *
     * <p>Keywords are compared under the case folding of {@link Pattern#CASE_INSENSITIVE} with {@link Pattern#UNICODE_CASE}
     * (each char mapped to the lower case of its upper case), which makes the condition hold for case-sensitive expressions
     * too. A keyword must be a literal that every match of its branch contains: no optional parts, character classes, or
     * whitespace the expression writes as {@code \s}. A keyword written {@code \bword} (or {@code word\b}) counts only
     * where the char before (after) it is not an ASCII letter, digit or underscore, or at the start (end) of the text: allowed
     * only where the expression puts a {@code \b}, a literal non-word char, {@code \s} or the text's edge right there next to
     * the whole keyword. Checked against the straightforward evaluation on the labelled sets by the tests; when in doubt, a
     * shorter keyword, no {@code \b} or one group less is always safe.
     */
    static final class Prefilter {

        private final String[][][] branches;
        private volatile int[][][] ids;

        private Prefilter(String[][][] branches) {
            this.branches = branches;
        }

        static Prefilter of(String spec) {
            String[] bs = spec.split(";");
            String[][][] branches = new String[bs.length][][];
            for (int b = 0; b < bs.length; b++) {
                String[] gs = bs[b].split("&");
                branches[b] = new String[gs.length][];
                for (int g = 0; g < gs.length; g++) {
                    String[] ks = gs[g].split("\\|");
                    for (int k = 0; k < ks.length; k++) {
                        ks[k] = KeywordScanner.fold(ks[k].strip());
                        if (ks[k].isEmpty()) {
                            throw new IllegalArgumentException("empty keyword in " + spec);
                        }
                    }
                    branches[b][g] = ks;
                }
            }
            return new Prefilter(branches);
        }

        void bind(Map<String, Integer> keywordIds) {
            int[][][] out = new int[branches.length][][];
            for (int b = 0; b < branches.length; b++) {
                out[b] = new int[branches[b].length][];
                for (int g = 0; g < branches[b].length; g++) {
                    out[b][g] = new int[branches[b][g].length];
                    for (int k = 0; k < branches[b][g].length; k++) {
                        out[b][g][k] = keywordIds.computeIfAbsent(branches[b][g][k], w -> keywordIds.size());
                    }
                }
            }
            ids = out;
        }

        /** False only when the expression cannot match the text whose keywords are {@code present}; true when unsure. */
        boolean mayMatch(long[] present) {
            int[][][] bound = ids;
            if (present == null || bound == null) {
                return true;
            }
            for (int[][] branch : bound) {
                boolean all = true;
                for (int[] group : branch) {
                    boolean any = false;
                    for (int id : group) {
                        int word = id >>> 6;
                        if (word >= present.length) {
                            return true; // a keyword the scanner does not know
                        }
                        if ((present[word] & (1L << id)) != 0) {
                            any = true;
                            break;
                        }
                    }
                    if (!any) {
                        all = false;
                        break;
                    }
                }
                if (all) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Aho-Corasick automaton over the case-folded keywords of a set of {@link Prefilter}s: one pass over a text, one table
     * look-up per char, tells which keywords occur in it.
     */
    static final class KeywordScanner {

        private final int keywords;
        /** Per keyword: its length, and whether it must start (bit 0) or end (bit 1) at a possible word boundary. */
        private final int[] length;
        private final byte[] bounds;
        private final String[] words;
        private final int alphabet;
        /** Per char, the symbol of its case fold (0: a char in no keyword). */
        private final char[] symbol = new char[Character.MAX_VALUE + 1];
        /** The complete transition function: {@code next[state * alphabet + symbol]}. */
        private final int[] next;
        /** Per state, the ids of the keywords that end there (including shorter keywords that are suffixes), or null. */
        private final int[][] output;

        KeywordScanner(List<Prefilter> prefilters) {
            Map<String, Integer> ids = new LinkedHashMap<>();
            for (Prefilter p : prefilters) {
                p.bind(ids);
            }
            keywords = ids.size();
            length = new int[keywords];
            bounds = new byte[keywords];
            words = new String[keywords];
            for (Map.Entry<String, Integer> e : ids.entrySet()) {
                String w = e.getKey();
                int b = 0;
                if (w.startsWith("\\b")) {
                    w = w.substring(2);
                    b |= 1;
                }
                if (w.endsWith("\\b")) {
                    w = w.substring(0, w.length() - 2);
                    b |= 2;
                }
                if (w.isEmpty()) {
                    throw new IllegalStateException("empty keyword: " + e.getKey());
                }
                words[e.getValue()] = w;
                length[e.getValue()] = w.length();
                bounds[e.getValue()] = (byte) b;
            }
            Map<Character, Integer> symbols = new HashMap<>();
            for (String w : words) {
                for (char c : w.toCharArray()) {
                    if (fold(c) != c) {
                        throw new IllegalStateException("keyword char not stable under case folding: " + w);
                    }
                    symbols.computeIfAbsent(c, x -> symbols.size() + 1);
                }
            }
            alphabet = symbols.size() + 1;
            for (int c = 0; c <= Character.MAX_VALUE; c++) {
                Integer s = symbols.get(fold((char) c));
                symbol[c] = s == null ? 0 : (char) s.intValue();
            }
            // the trie (0 is the root, and "no edge" while building)
            List<int[]> go = new ArrayList<>();
            List<List<Integer>> ends = new ArrayList<>();
            go.add(new int[alphabet]);
            ends.add(new ArrayList<>());
            for (int id = 0; id < keywords; id++) {
                int state = 0;
                for (char c : words[id].toCharArray()) {
                    int s = symbols.get(c);
                    if (go.get(state)[s] == 0) {
                        go.add(new int[alphabet]);
                        ends.add(new ArrayList<>());
                        go.get(state)[s] = go.size() - 1;
                    }
                    state = go.get(state)[s];
                }
                ends.get(state).add(id);
            }
            // failure links breadth-first, completing the transitions into a DFA
            int n = go.size();
            int[] fail = new int[n];
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            for (int s = 0; s < alphabet; s++) {
                if (go.get(0)[s] != 0) {
                    queue.add(go.get(0)[s]);
                }
            }
            while (!queue.isEmpty()) {
                int r = queue.poll();
                ends.get(r).addAll(ends.get(fail[r]));
                int[] row = go.get(r);
                int[] failRow = go.get(fail[r]);
                for (int s = 0; s < alphabet; s++) {
                    if (row[s] != 0) {
                        fail[row[s]] = failRow[s];
                        queue.add(row[s]);
                    } else {
                        row[s] = failRow[s];
                    }
                }
            }
            next = new int[n * alphabet];
            output = new int[n][];
            for (int st = 0; st < n; st++) {
                System.arraycopy(go.get(st), 0, next, st * alphabet, alphabet);
                List<Integer> o = ends.get(st);
                output[st] = o.isEmpty() ? null : o.stream().mapToInt(Integer::intValue).distinct().toArray();
            }
        }

        /** The case folding of {@link Pattern#UNICODE_CASE} matching: the lower case of the upper case. */
        static char fold(char c) {
            return Character.toLowerCase(Character.toUpperCase(c));
        }

        static String fold(String s) {
            char[] cs = s.toCharArray();
            for (int i = 0; i < cs.length; i++) {
                cs[i] = fold(cs[i]);
            }
            return new String(cs);
        }

        /** The keywords occurring in {@code text}, as a bit set indexed by keyword id. */
        long[] scan(String text) {
            long[] present = new long[(keywords + 63) >>> 6];
            int state = 0;
            for (int i = 0, n = text.length(); i < n; i++) {
                state = next[state * alphabet + symbol[text.charAt(i)]];
                int[] o = output[state];
                if (o != null) {
                    for (int id : o) {
                        int b = bounds[id];
                        if (b == 0 || ((b & 1) == 0 || mayBeBoundary(text, i + 1 - length[id] - 1))
                                && ((b & 2) == 0 || mayBeBoundary(text, i + 1))) {
                            present[id >>> 6] |= 1L << id;
                        }
                    }
                }
            }
            return present;
        }

        /** False when the char at {@code i} is an ASCII letter, digit or underscore (a word char for {@code \b}). */
        private static boolean mayBeBoundary(String text, int i) {
            if (i < 0 || i >= text.length()) {
                return true;
            }
            char c = text.charAt(i);
            return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_');
        }

        /** The keyword with id {@code id}, folded and without its boundary marks (diagnostics). */
        String keyword(int id) {
            return words[id];
        }

        int keywords() {
            return keywords;
        }

        int states() {
            return output.length;
        }

        int alphabet() {
            return alphabet;
        }
    }

    /** The result of the rules on one text. */
    static final class Heuristics {

        final double value;
        final String strongest;
        final List<int[]> hits;
        final Framing framing;

        private Heuristics(double value, String strongest, List<int[]> hits, Framing framing) {
            this.value = value;
            this.strongest = strongest;
            this.hits = hits;
            this.framing = framing;
        }

        private record Hit(String id, double weight, int start, int end) {
        }

        private static final Pattern SELF_CORRECTION = Pattern.compile(I + "\\b(my|mine)\\b|\\bI (gave|wrote|sent|provided|mentioned|said)\\b");
        private static final Pattern LEET_WORD = Pattern.compile("\\p{L}[013457@$]\\p{L}");
        private static final Pattern SPACED_LETTERS = Pattern.compile("(?<![\\p{L}])(\\p{L}[.\\-_*]){2,}\\p{L}(?![\\p{L}])");
        private static final Pattern CONFUSABLE = Pattern.compile("[аеорсухіѕјԁɡı]");
        /** The characters {@link #CONFUSABLE} matches, and those between the letters of a {@link #LEET_WORD}. */
        private static final String CONFUSABLE_CHARS = "аеорсухіѕјԁɡı";
        private static final String LEET_CHARS = "013457@$";
        /** The separators of {@link #SPACED_LETTERS}. */
        private static final String LETTER_SEPARATORS = ".-_*";
        private static final Pattern MIXED_SCRIPT = Pattern.compile("(?=\\p{L}*\\p{IsLatin})(?=\\p{L}*\\p{IsCyrillic})\\p{L}+");
        private static final Pattern BASE64_BLOB = Pattern.compile("(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]*[0-9+/])(?=[A-Za-z0-9+/]*[a-z])"
                + "(?=[A-Za-z0-9+/]*[A-Z])[A-Za-z0-9+/]{20,}={0,2}");

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
            long[] present = fast ? KEYWORDS.scan(norm) : null;
            List<Hit> found = matches(norm, present);
            List<int[]> hits = new ArrayList<>();
            for (Hit h : found) {
                hits.add(new int[] {h.start, h.end});
            }
            Framing framing = Framing.of(norm, hits, present);
            for (Hit h : found) {
                double w = h.weight;
                boolean quoted = framing.inQuotes(h.start, h.end);
                if (framing.analysed) {
                    w *= quoted ? QUOTED_ANALYSED_FACTOR : UNQUOTED_ANALYSED_FACTOR;
                } else if (quoted) {
                    w *= QUOTED_PLAIN_FACTOR;
                }
                put(best, h.id, w);
            }
            // de-obfuscated variants: leetspeak, letters separated by dots or dashes
            String deleet = deleet(norm, fast);
            if (!deleet.equals(norm)) {
                mergeObfuscated(best, found, deleet, fast);
            }
            String joined = fast && !mayHaveSpacedLetters(norm) ? norm : joinSpacedLetters(norm);
            if (!joined.equals(norm)) {
                mergeObfuscated(best, found, joined, fast);
            }
            boolean invisible = fast
                    ? INVISIBLE.matcher(raw).find() && !raw.equals(Normalizer.normalize(raw, Normalizer.Form.NFKC))
                    : !raw.equals(Normalizer.normalize(raw, Normalizer.Form.NFKC)) && INVISIBLE.matcher(raw).find();
            if (invisible) {
                put(best, "obfuscation", 0.5);
            }
            if ((!fast || hasCyrillic(norm)) && MIXED_SCRIPT.matcher(norm).find()) {
                put(best, "obfuscation", 0.5);
            }
            if ((!fast || hasBase64Run(norm)) && BASE64_BLOB.matcher(norm).find()) {
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
            for (Rule rule : RULES) {
                if (!rule.when.mayMatch(present)) {
                    continue;
                }
                Matcher m = rule.pattern.matcher(text);
                while (m.find()) {
                    double w = rule.weight;
                    if ("override_instructions".equals(rule.id)) {
                        String around = m.group() + text.substring(m.end(), Math.min(text.length(), m.end() + 24));
                        if (SELF_CORRECTION.matcher(around).find() && !m.group().toLowerCase().contains("your")) {
                            w = Math.min(w, 0.2); // "ignore my previous instructions": the user correcting themselves
                        }
                    }
                    out.add(new Hit(rule.id, w, m.start(), m.end()));
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
            for (Hit h : matches(variant, fast ? KEYWORDS.scan(variant) : null)) {
                put(extra, h.id, h.weight);
            }
            for (Hit h : found) {
                extra.remove(h.id);
            }
            for (Map.Entry<String, Double> e : extra.entrySet()) {
                {
                    put(best, e.getKey(), e.getValue());
                    put(best, "obfuscation", 0.5);
                }
            }
        }

        private static void put(Map<String, Double> best, String id, double w) {
            best.merge(id, w, Math::max);
        }

        static String deleet(String s) {
            return deleet(s, false);
        }

        /** {@code fast}: look for the leetspeak and look-alike characters before running the expressions that need them. */
        private static String deleet(String s, boolean fast) {
            boolean leet = (!fast || containsAny(s, LEET_CHARS)) && LEET_WORD.matcher(s).find();
            if (!leet && !(fast ? containsAny(s, CONFUSABLE_CHARS) : CONFUSABLE.matcher(s).find())) {
                return s;
            }
            StringBuilder sb = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean letterNear = (i > 0 && Character.isLetter(s.charAt(i - 1)))
                        || (i + 1 < s.length() && Character.isLetter(s.charAt(i + 1)));
                if (letterNear) {
                    c = switch (c) {
                        case '0' -> 'o';
                        case '1' -> 'i';
                        case '3' -> 'e';
                        case '4' -> 'a';
                        case '5' -> 's';
                        case '7' -> 't';
                        case '@' -> 'a';
                        case '$' -> 's';
                        default -> c;
                    };
                }
                c = switch (c) { // Cyrillic and Latin-extension look-alikes
                    case 'а' -> 'a';
                    case 'е' -> 'e';
                    case 'о' -> 'o';
                    case 'р' -> 'p';
                    case 'с' -> 'c';
                    case 'у' -> 'y';
                    case 'х' -> 'x';
                    case 'і' -> 'i';
                    case 'ѕ' -> 's';
                    case 'ј' -> 'j';
                    case 'ԁ' -> 'd';
                    case 'ɡ' -> 'g';
                    case 'ı' -> 'i';
                    default -> c;
                };
                sb.append(c);
            }
            return sb.toString();
        }

        private static boolean containsAny(String s, String chars) {
            for (int i = 0, n = s.length(); i < n; i++) {
                if (chars.indexOf(s.charAt(i)) >= 0) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Necessary for {@link #SPACED_LETTERS}: two separators with one letter between them, i.e. one or two chars (a
         * supplementary letter).
         */
        static boolean mayHaveSpacedLetters(String s) {
            for (int i = 0, n = s.length(); i + 2 < n; i++) {
                if (LETTER_SEPARATORS.indexOf(s.charAt(i)) >= 0 && (LETTER_SEPARATORS.indexOf(s.charAt(i + 2)) >= 0
                        || (i + 3 < n && LETTER_SEPARATORS.indexOf(s.charAt(i + 3)) >= 0))) {
                    return true;
                }
            }
            return false;
        }

        /** Necessary for {@link #MIXED_SCRIPT}: a Cyrillic code point. */
        static boolean hasCyrillic(String s) {
            for (int i = 0, n = s.length(); i < n; ) {
                int cp = s.codePointAt(i);
                if (cp >= 0x0400 && Character.UnicodeScript.of(cp) == Character.UnicodeScript.CYRILLIC) {
                    return true;
                }
                i += Character.charCount(cp);
            }
            return false;
        }

        /** Necessary for {@link #BASE64_BLOB}: a run of at least 20 base64 characters. */
        static boolean hasBase64Run(String s) {
            int run = 0;
            for (int i = 0, n = s.length(); i < n; i++) {
                char c = s.charAt(i);
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/') {
                    if (++run >= 20) {
                        return true;
                    }
                } else {
                    run = 0;
                }
            }
            return false;
        }

        static String joinSpacedLetters(String s) {
            Matcher m = SPACED_LETTERS.matcher(s);
            if (!m.find()) {
                return s;
            }
            m.reset();
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group().replaceAll("[.\\-_*]", "")));
            }
            m.appendTail(sb);
            return sb.toString();
        }
    }
}
