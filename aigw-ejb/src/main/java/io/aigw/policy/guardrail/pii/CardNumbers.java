package io.aigw.policy.guardrail.pii;

import static io.aigw.policy.guardrail.pii.CharClasses.NOT_AFTER_TOKEN;
import static io.aigw.policy.guardrail.pii.CharClasses.NOT_BEFORE_TOKEN;
import static io.aigw.policy.guardrail.pii.CharClasses.digits;

/**
 * Payment card numbers: 13 to 19 digits, plain or in groups, that pass the Luhn check and start with the prefix of a
 * known issuer at a length that issuer uses.
 */
final class CardNumbers {

    /** The fewest digits of a run that may hold a card number. */
    static final int MIN_DIGITS = 13;

    static final Detector DETECTOR = new Detector(PiiEntity.CREDIT_CARD,
            // issuers' numbers start with 2 to 6
            NOT_AFTER_TOKEN + "(?<!\\d[.,])(?=[2-6])(?:\\d{13,19}"
                    + "|\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{1,4}(?:\\1\\d{1,3})?"
                    + "|\\d{4}([ -])\\d{6}\\2\\d{4,5})"
                    + NOT_BEFORE_TOKEN + "(?![.,]\\d)",
            23, "23456", CardNumbers::valid);

    private CardNumbers() {
    }

    private static boolean valid(CharSequence text, int start, int end) {
        String digits = digits(text, start, end);
        return digits.length() >= 13 && digits.length() <= 19 && luhn(digits) && knownIssuer(digits);
    }

    /** The Luhn check sum of a string of digits. */
    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** Whether a card number starts with a known issuer prefix and has a length that issuer uses. */
    private static boolean knownIssuer(String d) {
        int len = d.length();
        int p2 = Integer.parseInt(d.substring(0, 2));
        int p3 = Integer.parseInt(d.substring(0, 3));
        int p4 = Integer.parseInt(d.substring(0, 4));
        if (d.charAt(0) == '4') {
            return len == 13 || len == 16 || len == 19; // Visa
        }
        if (p2 >= 51 && p2 <= 55 || p4 >= 2221 && p4 <= 2720) {
            return len == 16; // Mastercard
        }
        if (p2 == 34 || p2 == 37) {
            return len == 15; // American Express
        }
        if (p4 == 6011 || p2 == 65 || p3 >= 644 && p3 <= 649) {
            return len >= 16; // Discover
        }
        if (p2 == 36 || p2 == 38 || p3 >= 300 && p3 <= 305) {
            return len >= 14; // Diners Club
        }
        if (p4 >= 3528 && p4 <= 3589) {
            return len >= 16; // JCB
        }
        return p2 == 62 && len >= 16; // UnionPay
    }
}
