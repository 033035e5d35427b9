package io.aigw.jca.api;

/**
 * A piece of a streamed tool call: the first piece of a call carries its id and name, later ones argument fragments.
 *
 * @param index             which call of the choice this piece belongs to (parallel calls have distinct indexes)
 * @param id                the call id, on the first piece only
 * @param name              the function name, on the first piece only
 * @param argumentsFragment the next fragment of the arguments JSON text, possibly empty
 */
public record ToolCallDelta(int index, String id, String name, String argumentsFragment) {
}
