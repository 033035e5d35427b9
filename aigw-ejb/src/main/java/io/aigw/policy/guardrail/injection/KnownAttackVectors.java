package io.aigw.policy.guardrail.injection;

import java.util.List;
import java.util.function.Function;

/**
 * The unit vectors of the curated known attacks, embedded in one call on first use (not at construction, so a detector
 * can be built while the model is still unavailable; a failed call is retried on the next use). Thread-safe.
 */
final class KnownAttackVectors {

    private final List<String> knownAttacks;
    private final Function<List<String>, List<float[]>> embed;
    private final Object lock = new Object();
    private volatile float[][] vectors;

    /** The vectors of {@code knownAttacks} (stripped, non-empty texts), to be embedded by {@code embed}. */
    KnownAttackVectors(List<String> knownAttacks, Function<List<String>, List<float[]>> embed) {
        this.knownAttacks = knownAttacks;
        this.embed = embed;
    }

    /** Whether there are no known attacks to compare with. */
    boolean isEmpty() {
        return knownAttacks.isEmpty();
    }

    /** The vectors, one per known attack in order; embeds them on the first call. */
    float[][] get() {
        float[][] v = vectors;
        if (v == null) {
            synchronized (lock) {
                v = vectors;
                if (v == null) {
                    List<float[]> list = embed.apply(knownAttacks);
                    if (list == null || list.size() != knownAttacks.size()) {
                        throw new IllegalStateException("the embedding function returned "
                                + (list == null ? "nothing" : list.size() + " vectors") + " for " + knownAttacks.size() + " known attacks");
                    }
                    v = new float[list.size()][];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = Vectors.unit(list.get(i));
                    }
                    vectors = v;
                }
            }
        }
        return v;
    }
}
