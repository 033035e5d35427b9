package io.aigw.policy.audit;

/**
 * Makes a value fit its audit column before it reaches SQL: control characters (NUL, which PostgreSQL refuses in
 * text, among them) become {@code ?}, and text longer than the column is cut, never inside a surrogate pair. Nothing a
 * request carries can then make an insert fail.
 */
public final class AuditValues {

    private AuditValues() {
    }

    /** {@code value} cleaned and cut to at most {@code max} characters; {@code null} stays {@code null}. */
    public static String fit(String value, int max) {
        if (value == null) {
            return null;
        }
        int end = Math.min(value.length(), max);
        if (end < value.length() && end > 0 && Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        StringBuilder out = null;
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            boolean bad = c < 0x20 && c != '\t' && c != '\n' || c == 0x7f
                    || Character.isSurrogate(c) && !pairedAt(value, i, end);
            if (bad && out == null) {
                out = new StringBuilder(end).append(value, 0, i);
            }
            if (out != null) {
                out.append(bad ? '?' : c);
            }
        }
        return out != null ? out.toString() : end == value.length() ? value : value.substring(0, end);
    }

    private static boolean pairedAt(String s, int i, int end) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /**
     * A name that identifies something (a node) and must stay distinct when cut: if it does not fit, its first
     * characters and a hash of the whole.
     */
    public static String fitName(String value, int max) {
        String clean = fit(value, Integer.MAX_VALUE);
        if (clean.length() <= max) {
            return clean;
        }
        String hash = Integer.toHexString(clean.hashCode() & 0x7fffffff);
        hash = "00000000".substring(hash.length()) + hash;
        return fit(clean, max - 9) + "~" + hash;
    }
}
