package io.aigw.policy.guardrail.injection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The unit vectors of segment texts: a bounded LRU cache keyed by the exact text in front of the embedding function, so
 * that a text seen again (a system prompt repeated on every request) is embedded once. Thread-safe; the embedding call
 * itself runs outside the lock.
 */
final class VectorCache {

    private final Function<List<String>, List<float[]>> embed;
    private final Map<String, float[]> cache;

    /** A cache of at most {@code capacity} vectors, filled by {@code embed} (one vector per text, in order). */
    VectorCache(int capacity, Function<List<String>, List<float[]>> embed) {
        this.embed = embed;
        this.cache = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The vectors of {@code texts}: cached ones from the LRU, the others embedded in one call and then cached. */
    Map<String, float[]> vectors(List<String> texts) {
        Map<String, float[]> out = new HashMap<>();
        List<String> missing = new ArrayList<>();
        synchronized (cache) {
            for (String t : texts) {
                float[] v = cache.get(t);
                if (v != null) {
                    out.put(t, v);
                } else {
                    missing.add(t);
                }
            }
        }
        if (!missing.isEmpty()) {
            List<float[]> embedded = embed.apply(missing);
            if (embedded == null || embedded.size() != missing.size()) {
                throw new IllegalStateException("the embedding function returned "
                        + (embedded == null ? "nothing" : embedded.size() + " vectors") + " for " + missing.size() + " segments");
            }
            synchronized (cache) {
                for (int i = 0; i < missing.size(); i++) {
                    float[] v = Vectors.unit(embedded.get(i));
                    cache.put(missing.get(i), v);
                    out.put(missing.get(i), v);
                }
            }
        }
        return out;
    }

    /** The number of vectors currently cached. */
    int size() {
        synchronized (cache) {
            return cache.size();
        }
    }
}
