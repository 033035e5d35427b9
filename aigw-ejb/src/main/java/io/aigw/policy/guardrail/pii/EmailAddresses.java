package io.aigw.policy.guardrail.pii;

import static io.aigw.policy.guardrail.pii.CharClasses.DIGITS;
import static io.aigw.policy.guardrail.pii.CharClasses.LETTERS;
import static io.aigw.policy.guardrail.pii.CharClasses.TOKEN;
import static io.aigw.policy.guardrail.pii.CharClasses.isAsciiLetter;
import static io.aigw.policy.guardrail.pii.CharClasses.isDigit;

import java.util.List;
import java.util.regex.Matcher;

/** E-mail addresses: a local part of at most 64 characters, an {@code @}, and a domain with a letter TLD. */
final class EmailAddresses {

    static final Detector DETECTOR = new Detector(PiiEntity.EMAIL,
            "(?<![" + TOKEN + "%+-])[A-Za-z0-9_%+-]+(?:\\.[A-Za-z0-9_%+-]+)*"
                    + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}(?![" + TOKEN + "@-])",
            254, LETTERS + DIGITS + "_%+-", EmailAddresses::valid);

    private EmailAddresses() {
    }

    /**
     * The e-mail addresses around the given {@code @} signs: the pattern runs only over the address characters on
     * either side of each (neighbouring ones merged into one region).
     *
     * @param ats the indexes of the {@code @} signs, ascending
     * @param out where the matches are added
     */
    static void find(CharSequence text, IntList ats, List<PiiMatch> out) {
        int n = text.length();
        Matcher m = null;
        int regionStart = -1;
        int regionEnd = -1;
        for (int k = 0; k < ats.size; k++) {
            int at = ats.values[k];
            int left = at;
            while (left > 0 && at - left < 64 && isLocalChar(text.charAt(left - 1))) {
                left--;
            }
            int right = at + 1;
            while (right < n && right - at <= 255 && isDomainChar(text.charAt(right))) {
                right++;
            }
            if (regionStart >= 0 && left <= regionEnd) {
                regionEnd = Math.max(regionEnd, right);
                continue;
            }
            if (regionStart >= 0) {
                m = DETECTOR.findInRegion(m, text, regionStart, regionEnd, out);
            }
            regionStart = left;
            regionEnd = right;
        }
        if (regionStart >= 0) {
            DETECTOR.findInRegion(m, text, regionStart, regionEnd, out);
        }
    }

    private static boolean valid(CharSequence text, int start, int end) {
        if (end - start > 254) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == '@') {
                return i - start <= 64;
            }
        }
        return false;
    }

    private static boolean isLocalChar(char c) {
        return isAsciiLetter(c) || isDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean isDomainChar(char c) {
        return isAsciiLetter(c) || isDigit(c) || c == '.' || c == '-';
    }
}
