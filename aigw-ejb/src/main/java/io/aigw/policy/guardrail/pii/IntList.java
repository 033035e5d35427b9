package io.aigw.policy.guardrail.pii;

import java.util.Arrays;

/** A growable list of ints, for the positions the candidate pass notes; {@code null} stands for an empty list. */
final class IntList {

    int[] values = new int[8];
    int size;

    /**
     * Appends values to a list.
     *
     * @param list the list, or {@code null} for a new one
     * @param vs   the values to append
     * @return the list appended to
     */
    static IntList add(IntList list, int... vs) {
        IntList l = list == null ? new IntList() : list;
        if (l.size + vs.length > l.values.length) {
            l.values = Arrays.copyOf(l.values, Math.max(l.values.length * 2, l.size + vs.length));
        }
        System.arraycopy(vs, 0, l.values, l.size, vs.length);
        l.size += vs.length;
        return l;
    }
}
