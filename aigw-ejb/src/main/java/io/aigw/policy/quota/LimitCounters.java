package io.aigw.policy.quota;

import dev.failsafe.Bulkhead;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This server's counters of the limits in force: a {@link TokenBucket} per requests or tokens figure, a Failsafe
 * {@link Bulkhead} per concurrency figure. A changed figure gets a counter of its own (starting full); the old one is
 * dropped when the figures are next pruned.
 */
@ApplicationScoped
public class LimitCounters {

    /** Beyond this many counters, those unused for a while are dropped (limits changed or keys gone). */
    static final int PRUNE_AT = 100_000;

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Bulkhead<Object>> bulkheads = new ConcurrentHashMap<>();

    /** The bucket of a requests or tokens figure. */
    public TokenBucket bucket(AppliedLimit limit, long now) {
        TokenBucket b = buckets.get(limit.counter());
        if (b == null) {
            if (buckets.size() >= PRUNE_AT) {
                buckets.entrySet().removeIf(e -> e.getValue().remaining(now) >= e.getValue().capacity());
            }
            b = buckets.computeIfAbsent(limit.counter(), k -> new TokenBucket(limit.value(), now));
        }
        return b;
    }

    /** The bucket of a figure if this server has one (it has served a request under it), else {@code null}. */
    public TokenBucket peek(AppliedLimit limit) {
        return buckets.get(limit.counter());
    }

    /** The bulkhead of a concurrency figure. */
    public Bulkhead<Object> bulkhead(AppliedLimit limit) {
        return bulkheads.computeIfAbsent(limit.counter(), k -> Bulkhead.of((int) Math.min(Integer.MAX_VALUE,
                limit.value())));
    }
}
