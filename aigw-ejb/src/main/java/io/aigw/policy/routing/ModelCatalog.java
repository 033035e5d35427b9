package io.aigw.policy.routing;

import io.aigw.jca.api.ConnectionStatus;
import io.aigw.jca.api.ModelInfo;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.policy.GatewayException;
import io.aigw.policy.config.GatewaySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each connection can serve now, asked from the connection and kept for {@code aigw.models.cache-ttl}
 * (a failed answer for a tenth of that), so that listing and plain-name resolution do not call upstreams each time.
 * When an entry expires, one request refreshes it while the others go on with the previous list; only a connection
 * never listed yet makes its callers wait, for one shared load.
 */
@ApplicationScoped
public class ModelCatalog {

    @Inject
    ConnectionRegistry registry;

    @Inject
    ProviderCalls calls;

    @Inject
    GatewaySettings settings;

    private final Map<String, ConnectionModels> cache = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicBoolean> refreshing = new ConcurrentHashMap<>();

    /**
     * What one connection offers.
     *
     * @param status its status (with the reason when it cannot serve)
     * @param models its models, empty when it cannot serve
     */
    public record ConnectionModels(ConnectionStatus status, List<ModelInfo> models, long expiresAt) {
    }

    /** Every configured connection's offer, in resolution order; unconfigured ones as unavailable. */
    public List<ConnectionModels> all() {
        List<ConnectionModels> out = new ArrayList<>();
        for (String name : registry.names()) {
            out.add(of(name));
        }
        registry.missing().forEach((name, reason) ->
                out.add(new ConnectionModels(new ConnectionStatus(name, null, false, reason), List.of(), 0)));
        return out;
    }

    /** The first connection whose catalogue lists this plain model id. */
    public Optional<String> connectionServing(String modelId) {
        for (String name : registry.names()) {
            if (of(name).models().stream().anyMatch(m -> m.id().equals(modelId))) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private ConnectionModels of(String name) {
        long now = System.nanoTime();
        ConnectionModels cached = cache.get(name);
        if (cached != null && now - cached.expiresAt() < 0) {
            return cached;
        }
        if (cached == null) {
            synchronized (lockFor(name)) {
                ConnectionModels loaded = cache.get(name);
                if (loaded == null) {
                    loaded = load(name, now);
                    cache.put(name, loaded);
                }
                return loaded;
            }
        }
        java.util.concurrent.atomic.AtomicBoolean flag = lockFor(name);
        if (!flag.compareAndSet(false, true)) {
            return cached; // another request is refreshing it
        }
        try {
            ConnectionModels fresh = load(name, now);
            cache.put(name, fresh);
            return fresh;
        } finally {
            flag.set(false);
        }
    }

    private java.util.concurrent.atomic.AtomicBoolean lockFor(String name) {
        return refreshing.computeIfAbsent(name, n -> new java.util.concurrent.atomic.AtomicBoolean());
    }

    private ConnectionModels load(String name, long now) {
        long ttl = settings.modelsCacheTtl().toNanos();
        try {
            return calls.with(name, c -> {
                ConnectionStatus status = c.status();
                if (!status.available()) {
                    return new ConnectionModels(status, List.of(), now + ttl / 10);
                }
                return new ConnectionModels(status, c.listModels(), now + ttl);
            });
        } catch (GatewayException e) {
            return new ConnectionModels(new ConnectionStatus(name, null, false, e.getMessage()), List.of(),
                    now + ttl / 10);
        } catch (StreamAbortedException e) {
            throw new IllegalStateException("listing models does not stream", e);
        }
    }
}
