package io.aigw.policy.auth;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Creates, finds and revokes API keys. Secrets never reach the database; only their keyed hash does. */
@Stateless
public class ApiKeyStore {

    /** Every issued secret starts with this, so that leaked keys are easy to recognise and scan for. */
    public static final String SECRET_PREFIX = "aigw-";
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "aigw")
    EntityManager em;

    @Inject
    KeyHasher hasher;

    /** Issues a key with a new random secret. */
    public IssuedKey create(String name, String tenant, Set<GatewayRole> roles, List<String> allowedModels) {
        String secret = SECRET_PREFIX + KeyHasher.randomToken();
        return new IssuedKey(store(name, tenant, roles, allowedModels, secret), secret);
    }

    /** Stores a key whose secret the administrator chose (the bootstrap admin key). */
    public ApiKey store(String name, String tenant, Set<GatewayRole> roles, List<String> allowedModels, String secret) {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        ApiKey key = new ApiKey("key_" + HexFormat.of().formatHex(id), name, hasher.hash(secret),
                secret.substring(0, Math.min(9, secret.length())), tenant, roles, allowedModels, now());
        em.persist(key);
        return key;
    }

    /**
     * Stores a key whose secret the administrator chose in a transaction of its own, unless a key with that secret is
     * stored meanwhile (by another server sharing the database, whose insert wins the unique key-hash index).
     *
     * @return whether this call stored it
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean storeIfNoneHasIt(String name, Set<GatewayRole> roles, String secret) {
        try {
            store(name, "default", roles, List.of(), secret);
            em.flush();
            return true;
        } catch (PersistenceException duplicate) {
            // the provider has marked this transaction for rollback; the caller looks again
            return false;
        }
    }

    /**
     * The active key whose secret has this keyed hash (see {@link KeyHasher}), compared in constant time. A read on
     * every cache miss (also for every unknown key a client sprays): no transaction of its own.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<ApiKey> findActiveByHash(String hash) {
        LocalDateTime now = now();
        return em.createNamedQuery("ApiKey.byHash", ApiKey.class).setParameter("hash", hash).getResultStream()
                .filter(k -> k.getRevokedAt() == null)
                .filter(k -> equal(k.getKeyHash(), hash) || (equal(k.previousKeyHash(), hash)
                        && k.getPreviousValidUntil() != null && k.getPreviousValidUntil().isAfter(now)))
                .filter(k -> k.validUntil(hash) == null || k.validUntil(hash).isAfter(now))
                .findFirst();
    }

    private static boolean equal(String stored, String hash) {
        return stored != null && MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
                hash.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Gives the key a new random secret; the old one keeps authenticating for {@code grace}.
     *
     * @return the key and its new secret, or empty if there is no such active key
     */
    public Optional<IssuedKey> rotate(String id, java.time.Duration grace) {
        ApiKey key = em.find(ApiKey.class, id);
        if (key == null || key.getRevokedAt() != null) {
            return Optional.empty();
        }
        String secret = SECRET_PREFIX + KeyHasher.randomToken();
        key.rotate(hasher.hash(secret), secret.substring(0, Math.min(9, secret.length())), now().plus(grace));
        return Optional.of(new IssuedKey(key, secret));
    }

    /** The keyed hashes of every active key (never a secret). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public java.util.Set<String> activeHashes() {
        java.util.Set<String> hashes = new java.util.HashSet<>(em.createNamedQuery("ApiKey.activeHashes", String.class)
                .getResultList());
        hashes.addAll(em.createNamedQuery("ApiKey.graceHashes", String.class).setParameter("now", now())
                .getResultList());
        return hashes;
    }

    /** Whether some key, revoked or not, has this secret. */
    public boolean exists(String secret) {
        return !em.createNamedQuery("ApiKey.byHash", ApiKey.class).setParameter("hash", hasher.hash(secret))
                .getResultList().isEmpty();
    }

    public List<ApiKey> list() {
        return em.createNamedQuery("ApiKey.all", ApiKey.class).getResultList();
    }

    public Optional<ApiKey> find(String id) {
        return Optional.ofNullable(em.find(ApiKey.class, id));
    }

    /** Revokes a key; returns it, or empty if there is no such key. */
    public Optional<ApiKey> revoke(String id) {
        ApiKey key = em.find(ApiKey.class, id);
        if (key != null) {
            key.revoke(now());
        }
        return Optional.ofNullable(key);
    }

    public long activeAdminCount() {
        return em.createNamedQuery("ApiKey.activeAdmins", Long.class).getSingleResult();
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
