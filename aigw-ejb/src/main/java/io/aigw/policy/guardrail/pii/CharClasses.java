package io.aigw.policy.guardrail.pii;

/**
 * The character classes the detectors share, both as regular-expression fragments and as predicates, and the small
 * character-level helpers built on them.
 */
final class CharClasses {

    /** The characters a word is made of: a match never starts right after nor ends right before one. */
    static final String TOKEN = "\\p{L}\\p{Nd}_";
    static final String NOT_AFTER_TOKEN = "(?<![" + TOKEN + "])";
    static final String NOT_BEFORE_TOKEN = "(?![" + TOKEN + "])";

    static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    static final String DIGITS = "0123456789";
    static final String HEX = "0123456789ABCDEFabcdef";

    private CharClasses() {
    }

    /** The decimal digits of a range of a text, in order. */
    static String digits(CharSequence text, int start, int end) {
        StringBuilder d = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (isDigit(c)) {
                d.append(c);
            }
        }
        return d.toString();
    }

    /** Whether a text holds {@code prefix} at index {@code at}. */
    static boolean startsWith(CharSequence text, int at, String prefix) {
        if (at + prefix.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (text.charAt(at + k) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    /** A character of a word, as the patterns' {@code [\p{L}\p{Nd}_]}. */
    static boolean isToken(char c) {
        return c < 128 ? isAsciiLetter(c) || isDigit(c) || c == '_' : Character.isLetterOrDigit(c);
    }
}
