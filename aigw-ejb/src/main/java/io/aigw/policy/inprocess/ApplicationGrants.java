package io.aigw.policy.inprocess;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.auth.ApiKey;
import io.aigw.policy.auth.ApiKeyStore;
import io.aigw.policy.auth.Authenticator;
import io.aigw.policy.auth.Caller;
import io.aigw.policy.config.GatewaySettings;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a calling application into a {@link Caller}: its grant's key (or the default grant's), as an HTTP caller
 * with that key would be. Answers are kept for {@code aigw.auth.key-cache-ttl} and forgotten when a grant or a key
 * changes on this server.
 */
@ApplicationScoped
public class ApplicationGrants {

    private static final int MAX_ENTRIES = 1_000;

    @EJB
    ApplicationGrantStore store;

    @EJB
    ApiKeyStore keys;

    @Inject
    Authenticator authenticator;

    @Inject
    GatewaySettings settings;

    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    /** A cached answer: the caller, or why the application is refused. */
    private record Entry(Caller caller, String refusal, long expiresAt, long grantGeneration, long keyGeneration) {
    }

    /** The caller an application calls as; 403 {@code application_not_granted} when it has no usable grant. */
    public Caller callerFor(String application) {
        long now = System.nanoTime();
        Entry e = cache.get(application);
        if (e == null || now - e.expiresAt() >= 0 || e.grantGeneration() != generation.get()
                || e.keyGeneration() != authenticator.generation()) {
            e = load(application, now);
        }
        if (e.caller() == null) {
            throw new GatewayException(Problem.APPLICATION_NOT_GRANTED, e.refusal());
        }
        return e.caller();
    }

    private Entry load(String application, long now) {
        long grantGeneration = generation.get();
        long keyGeneration = authenticator.generation();
        Caller caller = null;
        String refusal;
        ApplicationGrant grant = store.find(application).or(() -> store.find(ApplicationGrant.DEFAULT)).orElse(null);
        if (grant == null) {
            refusal = "The application '" + application + "' has no grant to call the gateway, and no default grant "
                    + "is configured: an administrator grants it with PUT /admin/applications/" + application + ".";
        } else {
            ApiKey key = keys.find(grant.getKeyId()).orElse(null);
            LocalDateTime utc = LocalDateTime.now(ZoneOffset.UTC);
            if (key == null || key.getRevokedAt() != null
                    || (key.getExpiresAt() != null && !key.getExpiresAt().isAfter(utc))) {
                refusal = "The grant of the application '" + application + "' uses the key '" + grant.getKeyId()
                        + "', which is revoked or expired.";
            } else {
                caller = key.toCaller();
                refusal = null;
            }
        }
        Entry e = new Entry(caller, refusal, now + settings.keyCacheTtl().toNanos(), grantGeneration, keyGeneration);
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(application, e);
        return e;
    }

    /** Forgets cached answers: call once a grant change has committed. */
    public void invalidate() {
        generation.incrementAndGet();
        cache.clear();
    }
}
