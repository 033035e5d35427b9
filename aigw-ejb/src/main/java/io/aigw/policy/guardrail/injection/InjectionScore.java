package io.aigw.policy.guardrail.injection;

/**
 * The prompt-injection verdict on one text, from {@link InjectionDetector#score(String)}.
 *
 * @param score      the combined likelihood in [0,1]; the text is treated as an attack when it is at least the threshold
 *                   ({@link InjectionDetector#DEFAULT_THRESHOLD} by default)
 * @param heuristic  the heuristic part in [0,1], after the framing adjustments (quoted or analysed attacks weigh less)
 * @param similarity the highest cosine similarity in [0,1] between an embedded segment of the text and a known attack
 *                   (0 when nothing was embedded)
 * @param signal     the strongest signal: a heuristic rule id such as {@code override_instructions}, or
 *                   {@code similar_to_known_attack}, or {@code none}; never any of the matched text
 */
public record InjectionScore(double score, double heuristic, double similarity, String signal) {

    public static final String SIMILAR_TO_KNOWN_ATTACK = "similar_to_known_attack";
    public static final String NONE = "none";

    /** Whether {@link #score()} reaches {@code threshold}. */
    public boolean isAttack(double threshold) {
        return score >= threshold;
    }
}
