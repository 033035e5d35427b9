package io.aigw.policy.guardrail.injection;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a text talks <em>about</em> attacks (analysis framing) and where its quoted spans are, and what that does to
 * the weight of a rule that matched in it. Texts that discuss attacks are the commonest false positives.
 *
 * <p>The text is analysed when it carries analysis cues (prompt injection, jailbreak, attack, security, report, log,
 * classify, explain, ... in EN/DE/FR/ES) outside what the rules matched, or reports speech ("the user typed: '...'").
 * Quoted spans are double-quoted, typographically quoted or single-quoted text, inline code, code blocks and block
 * quotes.
 */
final class Framing {

    /** The share of its weight a rule keeps when it matched inside quotes in an analysed text. */
    static final double QUOTED_ANALYSED_FACTOR = 0.35;
    /** The share of its weight a rule keeps when it matched outside quotes in an analysed text. */
    static final double UNQUOTED_ANALYSED_FACTOR = 0.85;
    /**
     * The share of its weight a rule keeps when it matched inside quotes without analysis framing (e.g. "translate:
     * '...'"): most of it, since wrapping the payload in a translation or summary request is itself a common attack.
     */
    static final double QUOTED_PLAIN_FACTOR = 0.85;

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

    /** Necessary conditions for the analysis cues and reported speech (the same contract as the rules' prefilters). */
    static final Prefilter ANALYSIS_CUE_WORDS = Prefilter.of("injection|jailbreak|\\battack|\\bmalicious|\\bpayload|\\bthreat"
            + "|vulnerab|\\bexploit|\\bdetect|\\bclassif|false positive|sanitiz|\\bowasp\\b|\\bincident\\b|\\blogged\\b|\\blog shows"
            + "|\\blog line|\\blog entr|\\bflagged\\b|quarantin|team report|team finding|team exercise|\\bphishing|security report"
            + "|security analysis|security team|security training|security advisory|security perspective|security audit"
            + "|security question|security researcher|\\bexplain why\\b|\\bwhy does\\b|\\bwhy did\\b|\\bwhy do\\b|\\bwhy is\\b"
            + "|\\bunit test|\\btest case|training data|threat model|\\baudit report|\\bangriff|sicherheitsteam|\\berkläre|\\battaque"
            + "|rapport d'audit|\\bexplique pourquoi|\\bataque|informe de seguridad|\\bpor qué se considera|inyección");
    static final Prefilter REPORTING_VERBS = Prefilter.of("\\basked\\b|\\btyped\\b|\\bwrote\\b|\\bsent\\b|\\bsaid\\b|\\bsays\\b"
            + "|\\bposted\\b|\\bsubmitted\\b|\\bentered\\b|\\bcomplained\\b|\\breplied\\b|\\banswered\\b|\\bgeschrieben\\b|\\bécrit\\b"
            + "|\\bescribió\\b");

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
        while (q.find()) {
            quoted.add(new int[] {q.start(), q.end()});
        }
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

    /** The weight of a rule that matched {@code [start, end)} with {@code weight}, after the framing factors. */
    double weigh(double weight, int start, int end) {
        boolean inQuotes = inQuotes(start, end);
        if (analysed) {
            return weight * (inQuotes ? QUOTED_ANALYSED_FACTOR : UNQUOTED_ANALYSED_FACTOR);
        }
        return inQuotes ? weight * QUOTED_PLAIN_FACTOR : weight;
    }

    /** Whether {@code [start, end)} lies within one quoted span. */
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
            return seg.text();
        }
        StringBuilder sb = new StringBuilder();
        int pos = seg.start();
        for (int[] q : quoted) {
            if (q[1] <= seg.start() || q[0] >= seg.end()) {
                continue;
            }
            int qs = Math.max(q[0], seg.start());
            if (qs > pos) {
                sb.append(text, pos, qs);
            }
            sb.append("\"...\"");
            pos = Math.min(q[1], seg.end());
        }
        if (pos < seg.end()) {
            sb.append(text, pos, seg.end());
        }
        return sb.toString();
    }
}
