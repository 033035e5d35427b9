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
 * Turns a presented key into a {@link Caller}. Keeps, by keyed hash (never by secret), the answer for
 * {@code aigw.auth.key-cache-ttl} (a few seconds for unknown keys, in a separate bounded cache so that a flood of
 * unknown keys never evicts valid ones), so a request costs one HMAC, not a database read. A key change on this
 * server takes effect when it commits ({@link #invalidate()}), and a lookup that read the database before it cannot
 * cache the old answer afterwards; on other servers sharing the database it takes effect within the cache time.
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

    private final Map<String, Entry> known = new ConcurrentHashMap<>();
    private final Map<String, Entry> unknown = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private long ttlNanos;

    private volatile ActiveHashes active;

    /** A cached answer: the caller (or {@code null}), until when to keep it, until when the secret is valid. */
    private record Entry(Caller caller, long expiresAt, java.time.LocalDateTime validUntil) {
    }

    /** The active keys' hashes as read at {@code loadedAt}. */
    private record ActiveHashes(java.util.Set<String> hashes, long loadedAt) {
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
        Entry e = known.get(hash);
        if (e == null) {
            e = unknown.get(hash);
        }
        if (e == null || now - e.expiresAt() >= 0) {
            e = lookUp(hash, now);
        }
        if (e.caller() != null && e.validUntil() != null
                && !e.validUntil().isAfter(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC))) {
            known.remove(hash, e);
            e = null;
        }
        if (e == null || e.caller() == null) {
            throw new GatewayException(Problem.UNAUTHENTICATED, "Incorrect API key provided. The key is unknown, "
                    + "has expired or has been revoked.");
        }
        return e.caller();
    }

    private Entry lookUp(String hash, long now) {
        long seen = generation.get();
        ActiveHashes hashes = activeHashes(now, seen);
        ApiKey key = hashes != null && !hashes.hashes().contains(hash) ? null
                : store.findActiveByHash(hash).orElse(null);
        Caller caller = key == null ? null : key.toCaller();
        Entry e = new Entry(caller, now + (caller == null ? NEGATIVE_TTL.toNanos() : ttlNanos),
                key == null ? null : key.validUntil(hash));
        Map<String, Entry> cache = caller == null ? unknown : known;
        if (caller != null) {
            unknown.remove(hash);
        }
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(hash, e);
        if (generation.get() != seen) {
            // a key changed while this lookup read the database: what it read may be stale, so it is not kept
            cache.remove(hash, e);
        }
        return e;
    }

    /**
     * The active keys' hashes, reloaded when older than the cache time (by one caller; the others go on with the
     * previous set). {@code null} when they cannot be read: callers then ask the database key by key.
     */
    private ActiveHashes activeHashes(long now, long seenGeneration) {
        ActiveHashes current = active;
        if (current != null && now - current.loadedAt() < ttlNanos) {
            return current;
        }
        if (!reloading.compareAndSet(false, true)) {
            return current;
        }
        try {
            ActiveHashes loaded = new ActiveHashes(java.util.Set.copyOf(store.activeHashes()), now);
            if (generation.get() != seenGeneration) {
                return null; // a key changed meanwhile: what was read may miss it, so it is neither kept nor used
            }
            active = loaded;
            return loaded;
        } catch (RuntimeException e) {
            return null;
        } finally {
            reloading.set(false);
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean reloading = new java.util.concurrent.atomic.AtomicBoolean();

    /** Counts key changes committed on this server: caches of what keys allow compare it with what they saw. */
    public long generation() {
        return generation.get();
    }

    /** Forgets cached answers: call once a key change has committed. */
    public void invalidate() {
        generation.incrementAndGet();
        active = null;
        known.clear();
        unknown.clear();
    }
}
