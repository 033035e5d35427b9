package io.aigw.policy.guardrail.pii;

import java.util.Objects;

/**
 * One piece of personal or secret data found in a text.
 *
 * @param entity what was found
 * @param start  the index of its first character
 * @param end    the index just after its last character (exclusive), greater than {@code start}
 */
public record PiiMatch(PiiEntity entity, int start, int end) {

    public PiiMatch {
        Objects.requireNonNull(entity, "entity");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad match range [" + start + ", " + end + ")");
        }
    }
}
