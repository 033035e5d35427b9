package io.aigw.policy.route;

import io.aigw.policy.config.GatewayClock;
import io.aigw.policy.config.GatewaySettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The routes in force as the request path reads them: the stored ones merged with the routes file's (the file's win
 * and cannot be changed through the API), reloaded when older than {@code aigw.routes.refresh} (changes made on
 * another server sharing the database arrive within it) and at once after a change on this server. One thread
 * reloads while the others go on with the previous table; if a reload fails, the previous table stays in force.
 */
@ApplicationScoped
public class RouteTable {

    private static final Logger LOG = Logger.getLogger(RouteTable.class.getName());

    @EJB
    RouteStore store;

    @Inject
    GatewaySettings settings;

    @Inject
    GatewayClock clock;

    private final AtomicLong generation = new AtomicLong();
    private final AtomicBoolean reloading = new AtomicBoolean();
    private volatile Snapshot snapshot;
    private RouteFile file;
    private long refreshNanos;

    private record Snapshot(Map<String, Route> routes, Map<String, Route> fromFile, long loadedAt, long generation) {
    }

    @PostConstruct
    void init() {
        refreshNanos = Math.max(1, settings.routesRefresh().toNanos());
        file = settings.routesFile().map(f -> new RouteFile(Path.of(f))).orElse(null);
    }

    /** The route of this name, if it is one. */
    public Optional<Route> find(String name) {
        return Optional.ofNullable(snapshot().routes().get(name));
    }

    public boolean isRoute(String name) {
        return snapshot().routes().containsKey(name);
    }

    /** Whether the route comes from the routes file (and so cannot be changed through the API). */
    public boolean fileManaged(String name) {
        return snapshot().fromFile().containsKey(name);
    }

    /** Every route in force by name. */
    public Map<String, Route> routes() {
        return snapshot().routes();
    }

    /** Forgets what was loaded: call once a change has committed. */
    public void invalidate() {
        generation.incrementAndGet();
    }

    private Snapshot snapshot() {
        Snapshot s = snapshot;
        long now = clock.nanos();
        if (s != null && s.generation() == generation.get() && now - s.loadedAt() < refreshNanos) {
            return s;
        }
        if (s != null && s.generation() == generation.get() && !reloading.compareAndSet(false, true)) {
            return s; // expired only by age and another thread is reloading: go on with this one
        }
        reloading.set(true);
        long seen = generation.get();
        try {
            Map<String, Route> fromFile = file == null ? Map.of() : file.routes();
            Map<String, Route> all = new HashMap<>();
            store.current().forEach(r -> all.put(r.name(), r));
            all.putAll(fromFile);
            Snapshot fresh = new Snapshot(Map.copyOf(all), fromFile, now, seen);
            snapshot = fresh;
            return fresh;
        } catch (RuntimeException e) {
            if (s == null) {
                throw e;
            }
            LOG.log(Level.WARNING, "Could not reload the routes; the previous ones stay in force", e);
            return s;
        } finally {
            reloading.set(false);
        }
    }
}
