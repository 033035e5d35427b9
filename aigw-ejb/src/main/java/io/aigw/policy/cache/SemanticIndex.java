package io.aigw.policy.cache;

import io.aigw.policy.config.GatewaySettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The vectors of cached questions by partition, each pointing at its exact cache entry; a lookup compares the
 * question with every vector of its partition (cosine of unit vectors). Bounded like the cache: at most
 * {@value #PER_PARTITION} questions per partition (the oldest go first) and {@code aigw.cache.max-entries} in all
 * (the least recently used partitions go first). In this server's memory, as the cache itself.
 */
@ApplicationScoped
public class SemanticIndex {

    static final int PER_PARTITION = 256;

    @Inject
    GatewaySettings settings;

    private final LinkedHashMap<String, Deque<Question>> partitions = new LinkedHashMap<>(64, 0.75f, true);
    private int maxVectors;
    private int vectors;

    /** One cached question. */
    private record Question(float[] unit, String exactKey) {
    }

    /**
     * The closest cached question.
     *
     * @param exactKey   the key of its cache entry
     * @param similarity its cosine similarity with the question asked
     */
    public record Match(String exactKey, double similarity) {
    }

    @PostConstruct
    void init() {
        configure(settings.cacheMaxEntries());
    }

    void configure(int maxVectors) {
        this.maxVectors = Math.max(0, maxVectors);
    }

    /** The closest question of the partition, or {@code null} when it has none. */
    public Match closest(String partition, float[] vector) {
        float[] unit = unit(vector);
        synchronized (partitions) {
            Deque<Question> questions = partitions.get(partition);
            if (questions == null) {
                return null;
            }
            Match best = null;
            for (Question q : questions) {
                double s = dot(unit, q.unit());
                if (best == null || s > best.similarity()) {
                    best = new Match(q.exactKey(), s);
                }
            }
            return best;
        }
    }

    /** Adds a cached question. */
    public void add(String partition, float[] vector, String exactKey) {
        if (maxVectors == 0) {
            return;
        }
        Question q = new Question(unit(vector), exactKey);
        synchronized (partitions) {
            Deque<Question> questions = partitions.computeIfAbsent(partition, p -> new ArrayDeque<>());
            for (Iterator<Question> it = questions.iterator(); it.hasNext(); ) {
                if (it.next().exactKey().equals(exactKey)) {
                    it.remove();
                    vectors--;
                }
            }
            questions.addLast(q);
            vectors++;
            if (questions.size() > PER_PARTITION) {
                questions.removeFirst();
                vectors--;
            }
            Iterator<Map.Entry<String, Deque<Question>>> oldest = partitions.entrySet().iterator();
            while (vectors > maxVectors && oldest.hasNext()) {
                vectors -= oldest.next().getValue().size();
                oldest.remove();
            }
        }
    }

    static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = norm == 0 ? 0 : (float) (v[i] / norm);
        }
        return out;
    }

    static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            return -1; // another embedding model: never similar
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
