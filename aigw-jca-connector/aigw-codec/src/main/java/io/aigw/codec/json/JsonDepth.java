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

    /**
     * Whether the UTF-8 text nests deeper than {@code max} (brackets inside strings do not count). The bytes are read
     * as they are: the brackets, quotes and backslashes that matter are ASCII, and no byte of a multi-byte UTF-8
     * character is ever one of them.
     */
    public static boolean exceeds(byte[] utf8, int max) {
        return exceeds(new Bytes(utf8), max);
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

    /** UTF-8 bytes seen as characters one byte each, without decoding or copying them. */
    private record Bytes(byte[] bytes) implements CharSequence {
        @Override
        public int length() {
            return bytes.length;
        }

        @Override
        public char charAt(int index) {
            return (char) (bytes[index] & 0xff);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(bytes, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }
}
