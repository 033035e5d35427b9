package io.aigw.policy.quota;

import io.aigw.policy.config.GatewayClock;
import io.aigw.policy.config.GatewaySettings;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The stored limits and budgets as the request path reads them: every document of a kind, parsed once, reloaded
 * when older than {@code aigw.quotas.refresh} (changes made on another server sharing the database arrive within it)
 * and at once after a change on this server (one thread reloads while the others go on with the previous documents,
 * unless a change on this server made them stale). If a reload fails, the previous documents stay in force.
 */
@ApplicationScoped
public class ScopedPolicies {

    private static final Logger LOG = Logger.getLogger(ScopedPolicies.class.getName());

    @EJB
    ScopedPolicyStore store;

    @Inject
    GatewaySettings settings;

    @Inject
    GatewayClock clock;

    private final Map<String, Snapshot<?>> snapshots = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicBoolean> reloading = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile long refreshNanos;

    private record Snapshot<T>(Map<Scope, T> byScope, long loadedAt, long generation) {
    }

    /** Every document of {@code kind} by scope, parsed with {@code parser}. */
    @SuppressWarnings("unchecked")
    public <T> Map<Scope, T> of(String kind, Function<jakarta.json.JsonObject, T> parser) {
        long now = clock.nanos();
        Snapshot<T> s = (Snapshot<T>) snapshots.get(kind);
        if (s != null && s.generation() == generation.get() && now - s.loadedAt() < refreshNanos()) {
            return s.byScope();
        }
        java.util.concurrent.atomic.AtomicBoolean busy = reloading.computeIfAbsent(kind,
                k -> new java.util.concurrent.atomic.AtomicBoolean());
        if (s != null && s.generation() == generation.get() && !busy.compareAndSet(false, true)) {
            return s.byScope(); // expired only by age and another thread is reloading: go on with these
        }
        busy.set(true);
        long seen = generation.get();
        try {
            Map<Scope, T> loaded = new HashMap<>();
            for (ScopedPolicy p : store.all(kind)) {
                loaded.put(p.scope(), parser.apply(ScopedPolicyStore.parse(p.getSpec())));
            }
            Snapshot<T> fresh = new Snapshot<>(Map.copyOf(loaded), now, seen);
            snapshots.put(kind, fresh);
            return fresh.byScope();
        } catch (RuntimeException e) {
            if (s == null) {
                throw e;
            }
            LOG.log(Level.WARNING, "Could not reload the " + kind + "; the previous ones stay in force", e);
            return s.byScope();
        } finally {
            busy.set(false);
        }
    }

    private long refreshNanos() {
        long n = refreshNanos;
        if (n == 0) {
            n = Math.max(1, settings.quotasRefresh().toNanos());
            refreshNanos = n;
        }
        return n;
    }

    /** Forgets what was loaded: call once a change has committed. */
    public void invalidate() {
        generation.incrementAndGet();
    }
}
