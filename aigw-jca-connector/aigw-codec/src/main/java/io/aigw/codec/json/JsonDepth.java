package io.aigw.codec.json;

/**
 * How deeply a JSON text nests objects and arrays, checked before it is parsed: a parser that builds values
 * recursively would otherwise spend its stack (and the caller's) on a hostile body of a few kilobytes.
 */
public final class JsonDepth {

    /** The deepest nesting of objects and arrays any JSON document aigw reads may have. */
    public static final int MAX = 64;

    private JsonDepth() {
    }

    /** Whether the UTF-8 text nests deeper than {@code max} (brackets inside strings do not count). */
    public static boolean exceeds(byte[] utf8, int max) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < utf8.length; i++) {
            byte b = utf8[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                if (++depth > max) {
                    return true;
                }
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
        return false;
    }

    /** Whether the text nests deeper than {@code max} (brackets inside strings do not count). */
    public static boolean exceeds(CharSequence text, int max) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > max) {
                    return true;
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return false;
    }
}
