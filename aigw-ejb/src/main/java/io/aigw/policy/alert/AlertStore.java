package io.aigw.policy.alert;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.audit.AdminAudit;
import io.aigw.policy.chain.Exchange;
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
 * Stores alerts. Each change is audited in its transaction (the alert's spec and its URL without the query; never the
 * secret) and reaches evaluation on this server when it commits, on other servers within {@code aigw.quotas.refresh}.
 * A new alert's signing secret is made here and returned once; so is a rotated one.
 */
@Stateless
public class AlertStore {

    static final String ENTITY = "alert";
    /** Alert names: letters, digits, '.', '_', '-', at most 64. */
    static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}";

    @PersistenceContext(unitName = "aigw")
    EntityManager em;

    @Inject
    AdminAudit audit;

    @Inject
    WebhookSecrets secrets;

    @Inject
    AlertSettings settings;

    @Inject
    AlertCatalog catalog;

    /**
     * The outcome of a change.
     *
     * @param alert   the alert as stored
     * @param secret  its signing secret when it was just made (creation, rotation), else {@code null}
     * @param created whether the alert is new
     */
    public record Saved(AlertDefinition alert, String secret, boolean created) {
    }

    /** Creates or replaces an alert from an admin body; a replaced alert keeps its secret. */
    public Saved put(Exchange exchange, String name, JsonObject body) {
        requireName(name);
        AlertSpec spec = AlertSpec.parse(body);
        WebhookUrl webhook = WebhookUrl.parse(io.aigw.policy.quota.SpecFields.string(body, "webhook_url", "", null),
                settings.allowPrivateNetworks());
        AlertDefinition alert = em.find(AlertDefinition.class, name);
        JsonObject before = alert == null ? null : state(alert);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        String by = exchange.caller().keyId();
        String secret = null;
        if (alert == null) {
            alert = new AlertDefinition(name, now, by);
            secret = WebhookSecrets.generate();
            alert.sealedSecret(secrets.seal(name, secret), now, by);
            alert.define(spec.kind().wireName(), spec.toJson().toString(), webhook.full(), now, by);
            em.persist(alert);
            try {
                em.flush();
            } catch (jakarta.persistence.PersistenceException e) {
                throw new GatewayException(Problem.CONFLICT, "The alert '" + name + "' was created by another "
                        + "request at the same time; send it again.");
            }
        } else {
            alert.define(spec.kind().wireName(), spec.toJson().toString(), webhook.full(), now, by);
        }
        audit.record(exchange, before == null ? "create" : "update", ENTITY, name, before, state(alert));
        audit.afterCommit(catalog::invalidate);
        return new Saved(alert, secret, before == null);
    }

    /** Gives an alert a new signing secret (the old one stops signing at once); 404 if there is none. */
    public Saved rotateSecret(Exchange exchange, String name) {
        AlertDefinition alert = find(name).map(a -> em.merge(a)).orElseThrow(() -> notFound(name));
        String secret = WebhookSecrets.generate();
        alert.sealedSecret(secrets.seal(name, secret), LocalDateTime.now(ZoneOffset.UTC), exchange.caller().keyId());
        JsonObject state = state(alert);
        audit.record(exchange, "rotate-secret", ENTITY, name, state, state);
        audit.afterCommit(catalog::invalidate);
        return new Saved(alert, secret, false);
    }

    /** Removes an alert and its firings; 404 if there is none. */
    public AlertDefinition delete(Exchange exchange, String name) {
        AlertDefinition alert = find(name).orElseThrow(() -> notFound(name));
        em.remove(em.merge(alert));
        em.createNativeQuery("DELETE FROM AIGW_ALERT_FIRED WHERE ALERT_NAME = ?").setParameter(1, name)
                .executeUpdate();
        audit.record(exchange, "delete", ENTITY, name, state(alert), null);
        audit.afterCommit(catalog::invalidate);
        return alert;
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<AlertDefinition> find(String name) {
        return Optional.ofNullable(em.find(AlertDefinition.class, name));
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<AlertDefinition> all() {
        return em.createNamedQuery("AlertDefinition.all", AlertDefinition.class).getResultList();
    }

    /** The alert, as delivery uses it; 404 if there is none. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Alert alert(String name) {
        return Alert.of(find(name).orElseThrow(() -> notFound(name)));
    }

    /** 400 unless the name is a valid alert name. */
    public static void requireName(String name) {
        if (name == null || !name.matches(NAME_PATTERN)) {
            throw new GatewayException(Problem.INVALID_REQUEST, "An alert name is letters, digits, '.', '_' and '-', "
                    + "at most 64, starting with a letter or digit.", "name", null, null);
        }
    }

    public static GatewayException notFound(String name) {
        return new GatewayException(Problem.NOT_FOUND, "There is no alert '" + name + "'.");
    }

    /** What the audit keeps of an alert: never its secret, its URL without the query. */
    private static JsonObject state(AlertDefinition alert) {
        return AdminAudit.state().add("name", alert.getName()).add("spec", AlertJson.parse(alert.getSpec()))
                .add("webhook_url", WebhookUrl.stored(alert.getWebhookUrl()).redacted()).build();
    }
}
