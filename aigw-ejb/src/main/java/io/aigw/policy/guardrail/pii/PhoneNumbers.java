package io.aigw.policy.guardrail.pii;

import static io.aigw.policy.guardrail.pii.CharClasses.DIGITS;
import static io.aigw.policy.guardrail.pii.CharClasses.NOT_BEFORE_TOKEN;
import static io.aigw.policy.guardrail.pii.CharClasses.TOKEN;
import static io.aigw.policy.guardrail.pii.CharClasses.digits;

/**
 * Telephone numbers: E.164 and other international forms (at most 15 digits), North American numbers (area code and
 * exchange not starting with 0 or 1), and space-separated national numbers with a trunk prefix.
 */
final class PhoneNumbers {

    /** The fewest digits of a run that may hold a phone number. */
    static final int MIN_DIGITS = 7;

    static final Detector DETECTOR = new Detector(PiiEntity.PHONE,
            "(?<![" + TOKEN + "+])(?:"
                    // E.164 and international forms: +44 20 7946 0958, +1 (415) 555-0100, +14155550100
                    + "\\+\\d+(?:[ .-]?\\(\\d{1,4}\\)[ .-]?\\d+)?(?:[ .-]\\d+)*"
                    // the others do not continue a longer number: not 12-415-555-0100, 5 020 7946 0958
                    + "|(?<!\\d[-. ])(?:"
                    // North American: (415) 555-0100, 415-555-0100, 415.555.0100, 1-800-555-0199
                    + "(?:1[ .-])?(?:\\(\\d{3}\\) ?\\d{3}[-. ]\\d{4}|\\d{3}([-. ])\\d{3}\\1\\d{4})"
                    // national forms with a trunk prefix, space separated: 020 7946 0958, 01 23 45 67 89
                    + "|0\\d{1,4}(?: \\d{2,4}){2,4}))"
                    + NOT_BEFORE_TOKEN + "(?![-.]\\d)",
            40, DIGITS + "+(", PhoneNumbers::valid);

    private PhoneNumbers() {
    }

    private static boolean valid(CharSequence text, int start, int end) {
        String digits = digits(text, start, end);
        char first = text.charAt(start);
        if (first == '+') {
            // E.164: at most 15 digits, and no country code starts with 0
            return digits.length() >= 7 && digits.length() <= 15 && digits.charAt(0) != '0';
        }
        if (first == '0') {
            return digits.length() >= 9 && digits.length() <= 11;
        }
        String national = digits;
        if (national.length() == 11 && national.charAt(0) == '1') {
            national = national.substring(1);
        }
        // North American numbering plan: neither area code nor exchange starts with 0 or 1
        return national.length() == 10 && national.charAt(0) >= '2' && national.charAt(3) >= '2';
    }
}
