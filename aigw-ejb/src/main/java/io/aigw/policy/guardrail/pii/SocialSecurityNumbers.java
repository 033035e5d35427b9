package io.aigw.policy.guardrail.pii;

import static io.aigw.policy.guardrail.pii.CharClasses.NOT_AFTER_TOKEN;
import static io.aigw.policy.guardrail.pii.CharClasses.NOT_BEFORE_TOKEN;
import static io.aigw.policy.guardrail.pii.CharClasses.digits;

/**
 * United States social security numbers: {@code 123-45-6789} or {@code 123 45 6789} anywhere, nine bare digits only
 * after words that announce them ("SSN", "social security number is"), never with an area, group or serial that the
 * SSA does not issue.
 */
final class SocialSecurityNumbers {

    /** The fewest digits of a run that may hold a social security number. */
    static final int MIN_DIGITS = 9;

    private static final String CONTEXT = "(?i:ssn|social security(?: number| no\\.?| #)?)";
    /** What may stand between {@link #CONTEXT} and the nine digits it announces. */
    private static final String GAP = "[ \\t:#=.-]{1,3}(?:(?i:is)[ \\t:]{1,3})?";

    static final Detector DETECTOR = new Detector(PiiEntity.US_SSN,
            "(?:" + NOT_AFTER_TOKEN + "(?<!\\d[- ])\\d{3}([- ])\\d{2}\\1\\d{4}"
                    // (the cheap look ahead first: the look behind is tried at each length it can have)
                    + "|(?=\\d{9}" + NOT_BEFORE_TOKEN + ")(?<=\\b" + CONTEXT + GAP + ")\\d{9})"
                    + NOT_BEFORE_TOKEN + "(?!\\1\\d)",
            11, "012345678", SocialSecurityNumbers::valid);

    /**
     * Only for holding streamed text: the words that introduce a bare nine-digit SSN, so that the context is held
     * together with the digits it announces.
     */
    static final Detector LEAD = new Detector(PiiEntity.US_SSN,
            NOT_AFTER_TOKEN + CONTEXT + "(?:" + GAP + "\\d{0,9}" + NOT_BEFORE_TOKEN + ")?",
            44, "sS", (text, start, end) -> false);

    private SocialSecurityNumbers() {
    }

    private static boolean valid(CharSequence text, int start, int end) {
        String d = digits(text, start, end);
        if (d.length() != 9) {
            return false;
        }
        int area = Integer.parseInt(d.substring(0, 3));
        int group = Integer.parseInt(d.substring(3, 5));
        int serial = Integer.parseInt(d.substring(5));
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
                // numbers published in advertising and widely misused
                && !d.equals("078051120") && !d.equals("219099999");
    }
}
