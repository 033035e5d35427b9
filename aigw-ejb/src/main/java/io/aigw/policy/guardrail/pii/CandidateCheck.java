package io.aigw.policy.guardrail.pii;

/** Validates a candidate range of a text that a {@link Detector}'s pattern matched. */
@FunctionalInterface
interface CandidateCheck {

    /**
     * Whether the range is really the entity and not a look-alike.
     *
     * @param text  the whole text
     * @param start the index of the candidate's first character
     * @param end   the index just after its last character
     * @return {@code true} to keep the candidate
     */
    boolean test(CharSequence text, int start, int end);
}
