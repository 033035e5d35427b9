package io.aigw.policy.route;

import io.aigw.policy.config.GatewayClock;
import io.aigw.policy.config.GatewaySettings;
import io.aigw.policy.config.RefreshedValue;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The routes in force as the request path reads them: the stored ones merged with the routes file's (the file's win
 * and cannot be changed through the API), reloaded when older than {@code aigw.routes.refresh} (changes made on
 * another server sharing the database arrive within it) and at once after a change on this server
 * ({@link RefreshedValue}).
 */
@ApplicationScoped
public class RouteTable {


    @EJB
    RouteStore store;

    @Inject
    GatewaySettings settings;

    @Inject
    GatewayClock clock;

    private RouteFile file;
    private RefreshedValue<Snapshot> snapshot;

    private record Snapshot(Map<String, Route> routes, Map<String, Route> fromFile) {
    }

    @PostConstruct
    void init() {
        file = settings.routesFile().map(f -> new RouteFile(Path.of(f))).orElse(null);
        snapshot = new RefreshedValue<>("routes", this::load, settings.routesRefresh(), clock::nanos);
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
        snapshot.invalidate();
    }

    private Snapshot snapshot() {
        return snapshot.get();
    }

    private Snapshot load() {
        Map<String, Route> fromFile = file == null ? Map.of() : file.routes();
        Map<String, Route> all = new HashMap<>();
        store.current().forEach(r -> all.put(r.name(), r));
        all.putAll(fromFile);
        return new Snapshot(Map.copyOf(all), fromFile);
    }
}
