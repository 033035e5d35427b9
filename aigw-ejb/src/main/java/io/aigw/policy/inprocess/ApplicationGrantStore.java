package io.aigw.policy.inprocess;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.audit.AdminAudit;
import io.aigw.policy.auth.ApiKey;
import io.aigw.policy.auth.ApiKeyStore;
import io.aigw.policy.chain.Exchange;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Stores application grants. Each change is audited in its transaction and takes effect on this server when it
 * commits, on other servers within {@code aigw.auth.key-cache-ttl}.
 */
@Stateless
public class ApplicationGrantStore {

    static final String ENTITY = "application_grant";
    /** Deployed application names: what Liberty accepts, plus {@code *} for the default grant. */
    static final String NAME_PATTERN = "\\*|[A-Za-z0-9][A-Za-z0-9._\\-]{0,199}";

    @PersistenceContext(unitName = "aigw")
    EntityManager em;

    @EJB
    ApiKeyStore keys;

    @Inject
    AdminAudit audit;

    @Inject
    ApplicationGrants grants;

    /** Binds an application to an active key; whether the grant is new. */
    public boolean put(Exchange exchange, String application, String keyId) {
        requireName(application);
        ApiKey key = keys.find(keyId).filter(k -> k.getRevokedAt() == null).orElseThrow(() -> new GatewayException(
                Problem.INVALID_REQUEST, "There is no active key '" + keyId + "'.", "key_id", null, null));
        ApplicationGrant grant = em.find(ApplicationGrant.class, application);
        JsonObject before = grant == null ? null : state(grant);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        String by = exchange.caller().keyId();
        if (grant == null) {
            grant = new ApplicationGrant(application, key.getId(), now, by);
            em.persist(grant);
            try {
                em.flush();
            } catch (jakarta.persistence.PersistenceException e) {
                throw new GatewayException(Problem.CONFLICT, "The grant of '" + application + "' was created by "
                        + "another request at the same time; send it again.");
            }
        } else {
            grant.rebind(key.getId(), now, by);
        }
        audit.record(exchange, before == null ? "create" : "update", ENTITY, application, before, state(grant));
        audit.afterCommit(grants::invalidate);
        return before == null;
    }

    /** Removes a grant; 404 if there is none. The application's key stays (revoke it separately). */
    public ApplicationGrant delete(Exchange exchange, String application) {
        ApplicationGrant grant = find(application).orElseThrow(() -> notFound(application));
        ApplicationGrant managed = em.merge(grant);
        em.remove(managed);
        audit.record(exchange, "delete", ENTITY, application, state(grant), null);
        audit.afterCommit(grants::invalidate);
        return grant;
    }

    /** 400 unless the name is an application name ({@code java:app/AppName}) or {@code *}. */
    public static void requireName(String application) {
        if (application == null || !application.matches(NAME_PATTERN)) {
            throw new GatewayException(Problem.INVALID_REQUEST, "An application name is its Jakarta EE name (letters, "
                    + "digits, '.', '_', '-', at most 200) or '*' for the default grant.", "name", null, null);
        }
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<ApplicationGrant> find(String application) {
        return Optional.ofNullable(em.find(ApplicationGrant.class, application));
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<ApplicationGrant> all() {
        return em.createNamedQuery("ApplicationGrant.all", ApplicationGrant.class).getResultList();
    }

    public static GatewayException notFound(String application) {
        return new GatewayException(Problem.NOT_FOUND, "There is no grant for the application '" + application + "'.");
    }

    private static JsonObject state(ApplicationGrant grant) {
        return AdminAudit.state().add("application", grant.getApplication()).add("key_id", grant.getKeyId()).build();
    }
}
