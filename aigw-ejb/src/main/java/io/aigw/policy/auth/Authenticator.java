package io.aigw.policy.auth;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.config.GatewaySettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a presented key into a {@link Caller}. Keeps, by keyed hash (never by secret), the answer for {@code aigw.auth.key-cache-ttl} (a few seconds for
 * unknown keys), so a request costs one HMAC, not a database read; a revocation on this server takes effect at once,
 * on other servers sharing the database within the cache time.
 */
@ApplicationScoped
public class Authenticator {

    private static final Duration NEGATIVE_TTL = Duration.ofSeconds(5);
    private static final int MAX_ENTRIES = 10_000;

    @EJB
    ApiKeyStore store;

    @Inject
    GatewaySettings settings;

    @Inject
    KeyHasher hasher;

    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private long ttlNanos;

    private record Entry(Caller caller, long expiresAt) {
    }

    @PostConstruct
    void init() {
        ttlNanos = settings.keyCacheTtl().toNanos();
    }

    /** The caller for a presented key. */
    public Caller authenticate(String presented) {
        if (presented == null || presented.isBlank()) {
            throw new GatewayException(Problem.UNAUTHENTICATED, "You didn't provide an API key. Provide it in the "
                    + "Authorization header (Authorization: Bearer YOUR_KEY) or the x-api-key header.");
        }
        long now = System.nanoTime();
        String hash = hasher.hash(presented);
        Entry e = cache.get(hash);
        if (e == null || now - e.expiresAt() >= 0) {
            Caller caller = store.findActiveByHash(hash).map(ApiKey::toCaller).orElse(null);
            e = new Entry(caller, now + (caller == null ? NEGATIVE_TTL.toNanos() : ttlNanos));
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(hash, e);
        }
        if (e.caller() == null) {
            throw new GatewayException(Problem.UNAUTHENTICATED, "Incorrect API key provided. The key is unknown or "
                    + "has been revoked.");
        }
        return e.caller();
    }

    /** Forgets cached answers, e.g. after a key was created or revoked. */
    public void invalidate() {
        cache.clear();
    }
}
