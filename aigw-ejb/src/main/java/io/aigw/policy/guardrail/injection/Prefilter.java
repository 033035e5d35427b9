package io.aigw.policy.guardrail.injection;

import java.util.Map;
import java.util.regex.Pattern;

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
final class Prefilter {

    private final String[][][] branches;
    private volatile int[][][] ids;

    private Prefilter(String[][][] branches) {
        this.branches = branches;
    }

    /** The prefilter written {@code spec} (see above); its keywords are case-folded, and an empty one is an error. */
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

    /** Gives each keyword its id from {@code keywordIds}, adding the keywords not there yet (by {@link KeywordScanner}). */
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
