package io.aigw.policy.guardrail.injection;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Signs of obfuscation that count in the heuristics on their own, whatever the text says: invisible characters (in a text
 * that NFKC changes), words mixing Latin and Cyrillic letters, and a base64-looking blob.
 *
 * <p>{@code fast}: check a cheap necessary condition first; the answer is the same either way.
 */
final class ObfuscationSignals {

    private static final Pattern MIXED_SCRIPT = Pattern.compile("(?=\\p{L}*\\p{IsLatin})(?=\\p{L}*\\p{IsCyrillic})\\p{L}+");
    private static final Pattern BASE64_BLOB = Pattern.compile("(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]*[0-9+/])(?=[A-Za-z0-9+/]*[a-z])"
            + "(?=[A-Za-z0-9+/]*[A-Z])[A-Za-z0-9+/]{20,}={0,2}");

    private ObfuscationSignals() {
    }

    /** Whether the raw text carries invisible characters and is not in NFKC. */
    static boolean invisibleCharacters(String raw, boolean fast) {
        return fast
                ? Normaliser.INVISIBLE.matcher(raw).find() && !raw.equals(Normalizer.normalize(raw, Normalizer.Form.NFKC))
                : !raw.equals(Normalizer.normalize(raw, Normalizer.Form.NFKC)) && Normaliser.INVISIBLE.matcher(raw).find();
    }

    /** Whether the normalised text has a word of Latin and Cyrillic letters mixed. */
    static boolean mixedScript(String norm, boolean fast) {
        return (!fast || hasCyrillic(norm)) && MIXED_SCRIPT.matcher(norm).find();
    }

    /** Whether the normalised text has a base64-looking run (upper and lower case letters and a digit, + or /). */
    static boolean base64Blob(String norm, boolean fast) {
        return (!fast || hasBase64Run(norm)) && BASE64_BLOB.matcher(norm).find();
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
}
