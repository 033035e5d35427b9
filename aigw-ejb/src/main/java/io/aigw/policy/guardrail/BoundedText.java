package io.aigw.policy.guardrail;

/**
 * A text that an administrator's regular expression may read only so many times over: a pattern that backtracks
 * catastrophically on one hostile input stops with {@link Exhausted} instead of holding a thread (and every request
 * behind it).
 */
final class BoundedText implements CharSequence {

    /** The reads allowed per character of input (plus a fixed allowance). */
    static final int READS_PER_CHAR = 200;

    private final CharSequence text;
    private final int[] budget;

    /** Thrown when the pattern used up its reads. */
    static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exhausted() {
            super("the pattern read the text too many times", null, false, false);
        }
    }

    BoundedText(CharSequence text) {
        this(text, new int[] {(int) Math.min(Integer.MAX_VALUE, 100_000L + (long) READS_PER_CHAR * text.length())});
    }

    private BoundedText(CharSequence text, int[] budget) {
        this.text = text;
        this.budget = budget;
    }

    @Override
    public char charAt(int index) {
        if (--budget[0] < 0) {
            throw new Exhausted();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text.subSequence(start, end), budget);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
