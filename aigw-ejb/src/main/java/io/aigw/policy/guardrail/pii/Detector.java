package io.aigw.policy.guardrail.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One way an entity is written: a precompiled pattern, its longest match, the characters it can start with, and a
 * validator that keeps look-alikes out. Immutable and thread-safe; the matchers it hands out are not.
 */
final class Detector {

    /** How many shorter endings of one candidate are tried when its longest form fails validation. */
    private static final int MAX_END_TRIES = 8;

    final PiiEntity entity;
    private final Pattern pattern;
    final int maxLength;
    private final boolean[] starts = new boolean[128];
    private final CandidateCheck check;

    Detector(PiiEntity entity, String regex, int maxLength, String startChars, CandidateCheck check) {
        this.entity = entity;
        this.pattern = Pattern.compile(regex);
        this.maxLength = maxLength;
        for (int i = 0; i < startChars.length(); i++) {
            starts[startChars.charAt(i)] = true;
        }
        this.check = check;
    }

    /** Whether a match can start with the given character. */
    boolean canStart(char c) {
        return c < 128 && starts[c];
    }

    /** A matcher whose lookarounds see past the region it is confined to. */
    Matcher matcher(CharSequence text) {
        return pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }

    /**
     * Every valid match inside [start, end) (lookarounds see the text beyond).
     *
     * @param matcher a matcher of this detector over {@code text} to reuse, or {@code null} for a new one
     * @param out     where the matches are added
     * @return the matcher used, for the next region of the same text
     */
    Matcher findInRegion(Matcher matcher, CharSequence text, int start, int end, List<PiiMatch> out) {
        Matcher m = matcher == null ? matcher(text) : matcher;
        int from = start;
        while (from < end) {
            m.region(from, end);
            if (!m.find()) {
                break;
            }
            int s = m.start();
            int e = validEnd(m, text, s);
            if (e >= 0) {
                out.add(new PiiMatch(entity, s, e));
                from = e;
            } else {
                from = s + 1;
            }
        }
        return m;
    }

    /** The valid match starting exactly at each of the given positions, if any, skipping those inside a match. */
    void findAt(CharSequence text, IntList starts, List<PiiMatch> out) {
        Matcher m = matcher(text);
        int n = text.length();
        int covered = -1;
        for (int k = 0; k < starts.size; k++) {
            int s = starts.values[k];
            if (s < covered) {
                continue;
            }
            m.region(s, Math.min(n, s + maxLength));
            if (m.lookingAt()) {
                int e = validEnd(m, text, s);
                if (e >= 0) {
                    out.add(new PiiMatch(entity, s, e));
                    covered = e;
                }
            }
        }
    }

    /**
     * The end of the longest valid match starting at {@code s}, given that {@code m} has just matched there: when the
     * longest form fails validation, shorter forms are tried (a card followed by more digit groups, an IBAN followed
     * by a word).
     */
    private int validEnd(Matcher m, CharSequence text, int s) {
        for (int tries = 0; ; tries++) {
            int e = m.end();
            if (e - s <= maxLength && check.test(text, s, e)) {
                return e;
            }
            if (tries >= MAX_END_TRIES || e - 1 <= s) {
                return -1;
            }
            m.region(s, e - 1);
            if (!m.lookingAt()) {
                return -1;
            }
        }
    }
}
