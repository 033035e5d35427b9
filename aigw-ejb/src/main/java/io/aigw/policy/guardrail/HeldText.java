package io.aigw.policy.guardrail;

import java.util.ArrayDeque;

/**
 * The text one stream lane holds back, with when each piece of it arrived, so that the wait of what is released can
 * be measured: the oldest released character's time in the buffer.
 */
final class HeldText {

    private final StringBuilder text = new StringBuilder();
    /** {characters, arrival nanos} per appended piece, oldest first. */
    private final ArrayDeque<long[]> pieces = new ArrayDeque<>();

    int length() {
        return text.length();
    }

    StringBuilder text() {
        return text;
    }

    void append(CharSequence s, int from, int to, long now) {
        if (to > from) {
            text.append(s, from, to);
            pieces.addLast(new long[] {to - from, now});
        }
    }

    /** How long the oldest held character has waited, in nanoseconds (0 when nothing is held). */
    long oldestWait(long now) {
        return pieces.isEmpty() ? 0 : now - pieces.peekFirst()[1];
    }

    /** Removes and returns the first {@code n} characters. */
    String take(int n) {
        String out = text.substring(0, n);
        text.delete(0, n);
        long left = n;
        while (left > 0 && !pieces.isEmpty()) {
            long[] first = pieces.peekFirst();
            if (first[0] <= left) {
                left -= first[0];
                pieces.removeFirst();
            } else {
                first[0] -= left;
                left = 0;
            }
        }
        return out;
    }
}
