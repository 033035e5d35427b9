package io.aigw.policy.guardrail.injection;

/**
 * A piece of the normalised text that is embedded on its own.
 *
 * @param start the offset of its first char in the normalised text
 * @param end   the offset after its last char
 * @param text  the piece, stripped
 */
record Segment(int start, int end, String text) {
}
