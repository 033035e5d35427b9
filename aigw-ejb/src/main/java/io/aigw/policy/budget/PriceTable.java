package io.aigw.policy.budget;

import io.aigw.policy.config.GatewayClock;
import io.aigw.policy.config.GatewaySettings;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The price versions as the request path reads them, reloaded when older than {@code aigw.quotas.refresh} and at
 * once after a change on this server; a failed reload keeps the previous table.
 */
@ApplicationScoped
public class PriceTable {

    private static final Logger LOG = Logger.getLogger(PriceTable.class.getName());
    /** The currency a request's cost is recorded in when no budget names one and the model has several prices. */
    static final String PREFERRED_CURRENCY = "USD";

    @EJB
    PriceStore store;

    @Inject
    GatewaySettings settings;

    @Inject
    GatewayClock clock;

    private final AtomicLong generation = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean reloading = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Snapshot snapshot;
    private volatile long refreshNanos;

    private record Snapshot(List<PriceVersion> versions, long loadedAt, long generation) {
    }

    /** The version in force for a model and currency at {@code at}. */
    public Optional<PriceVersion> find(String model, String currency, Instant at) {
        PriceVersion best = null;
        for (PriceVersion v : versions()) {
            if (v.model().equals(model) && v.currency().equals(currency) && !v.effectiveFrom().isAfter(at)
                    && (best == null || later(v, best))) {
                best = v;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The version in force for a model at {@code at} in the preferred currency, else in any. */
    public Optional<PriceVersion> findAny(String model, Instant at) {
        Optional<PriceVersion> preferred = find(model, PREFERRED_CURRENCY, at);
        if (preferred.isPresent()) {
            return preferred;
        }
        return versions().stream().map(PriceVersion::currency).distinct().sorted()
                .map(c -> find(model, c, at)).flatMap(Optional::stream).findFirst();
    }

    /** Every model's and currency's version in force at {@code at}. */
    public List<PriceVersion> current(Instant at) {
        List<PriceVersion> out = new ArrayList<>();
        versions().stream().map(v -> v.model() + "\u0000" + v.currency()).distinct().forEach(k -> {
            String[] mc = k.split("\u0000", 2);
            find(mc[0], mc[1], at).ifPresent(out::add);
        });
        out.sort(Comparator.comparing(PriceVersion::model).thenComparing(PriceVersion::currency));
        return out;
    }

    /** Every version stored. */
    public List<PriceVersion> history() {
        return versions();
    }

    private long refreshNanos() {
        long n = refreshNanos;
        if (n == 0) {
            n = Math.max(1, settings.quotasRefresh().toNanos());
            refreshNanos = n;
        }
        return n;
    }

    public void invalidate() {
        generation.incrementAndGet();
    }

    private List<PriceVersion> versions() {
        Snapshot s = snapshot;
        long now = clock.nanos();
        if (s != null && s.generation() == generation.get() && now - s.loadedAt() < refreshNanos()) {
            return s.versions();
        }
        if (s != null && s.generation() == generation.get() && !reloading.compareAndSet(false, true)) {
            return s.versions(); // expired only by age and another thread is reloading: go on with this one
        }
        reloading.set(true);
        long seen = generation.get();
        try {
            Snapshot fresh = new Snapshot(List.copyOf(store.all()), now, seen);
            snapshot = fresh;
            return fresh.versions();
        } catch (RuntimeException e) {
            if (s == null) {
                throw e;
            }
            LOG.log(Level.WARNING, "Could not reload the price table; the previous one stays in force", e);
            return s.versions();
        } finally {
            reloading.set(false);
        }
    }

    private static boolean later(PriceVersion a, PriceVersion b) {
        int c = a.effectiveFrom().compareTo(b.effectiveFrom());
        return c > 0 || (c == 0 && a.version() > b.version());
    }
}
