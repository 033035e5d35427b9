package io.aigw.policy.guardrail;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders one request's redactions used: the same value always gets the same placeholder
 * ({@code [EMAIL_1]}, {@code [EMAIL_2]}, ...), so the model can still tell two addresses apart, and the originals can
 * be put back into the answer for the caller. Lives as long as the request; never written anywhere.
 */
final class Placeholders {

    /** What a placeholder looks like, for finding them in answers. */
    static final Pattern FORM = Pattern.compile("\\[([A-Z][A-Z_]{0,19})_(\\d{1,6})\\]");

    private final Map<String, String> byOriginal = new HashMap<>();
    private final Map<String, String> byPlaceholder = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();

    /**
     * The placeholder for {@code original} of kind {@code label}, made on first use; {@code restorable} when the rule
     * that redacted it puts originals back into the answer.
     */
    String of(String label, String original, boolean restorable) {
        String key = label + '\u0000' + original;
        String p = byOriginal.get(key);
        if (p == null) {
            int n = counters.merge(label, 1, Integer::sum);
            p = "[" + label + "_" + n + "]";
            byOriginal.put(key, p);
        }
        if (restorable) {
            byPlaceholder.put(p, original);
        }
        return p;
    }

    /** Whether no placeholder is to be restored. */
    boolean isEmpty() {
        return byPlaceholder.isEmpty();
    }

    /** {@code text} with every placeholder this request made replaced by its original; others stay as they are. */
    String restore(String text) {
        if (byPlaceholder.isEmpty() || text.indexOf('[') < 0) {
            return text;
        }
        Matcher m = FORM.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            String original = byPlaceholder.get(m.group());
            if (original != null) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 32);
                }
                out.append(text, last, m.start()).append(original);
                last = m.end();
            }
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    /**
     * Where a placeholder may still be forming at the end of {@code text} (a {@code [} followed by what could begin
     * one), or {@code text.length()}.
     */
    int holdFrom(CharSequence text) {
        int len = text.length();
        int from = Math.max(0, len - 28);
        for (int i = len - 1; i >= from; i--) {
            if (text.charAt(i) == '[') {
                Matcher m = FORM.matcher(text).region(i, len);
                if (!m.lookingAt() && m.hitEnd()) {
                    return i;
                }
                return len;
            }
        }
        return len;
    }
}
