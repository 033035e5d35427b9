package io.aigw.policy.budget;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.audit.AdminAudit;
import io.aigw.policy.chain.Exchange;
import io.aigw.policy.quota.SpecFields;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The price table's versions. A new price never changes an old version: it is a new version, effective from the time
 * it names (default: now), so a request is always charged at the price in force when it was received.
 */
@Stateless
public class PriceStore {

    static final String ENTITY = "price";

    @PersistenceContext(unitName = "aigw")
    EntityManager em;

    @Inject
    AdminAudit audit;

    @Inject
    PriceTable table;

    /** Stores a new version from a {@code PUT /admin/prices} document. */
    public PriceVersion add(Exchange exchange, JsonObject body, Instant now) {
        Set<String> known = new HashSet<>(PriceSpec.FIGURES);
        known.addAll(Set.of("model", "currency", "effective_from", "tiers", "retire_at"));
        SpecFields.only(body, "", known);
        String model = SpecFields.string(body, "model", "", null);
        if (model == null || model.isBlank() || model.length() > 300) {
            throw SpecFields.invalid("model", "'model' (1 to 300 characters) names the model the price is for.");
        }
        String currency = SpecFields.string(body, "currency", "", "USD");
        if (!currency.matches("[A-Z]{3}")) {
            throw SpecFields.invalid("currency", "'currency' must be an ISO 4217 code such as \"USD\".");
        }
        Instant from = now;
        String given = SpecFields.string(body, "effective_from", "", null);
        if (given != null) {
            try {
                from = java.time.OffsetDateTime.parse(given).toInstant();
            } catch (DateTimeParseException e) {
                throw SpecFields.invalid("effective_from", "'effective_from' must be an RFC 3339 time such as "
                        + "\"2026-01-01T00:00:00Z\".");
            }
        }
        Instant retireAt = null;
        String retire = SpecFields.string(body, "retire_at", "", null);
        if (retire != null) {
            try {
                retireAt = java.time.OffsetDateTime.parse(retire).toInstant();
            } catch (DateTimeParseException e) {
                throw SpecFields.invalid("retire_at", "'retire_at' must be an RFC 3339 time such as "
                        + "\"2027-06-30T00:00:00Z\".");
            }
        }
        PriceSpec base = PriceSpec.parseFigures(body, "", true);
        PriceSpec prices = new PriceSpec(base.input(), base.output(), base.cachedInput(), base.cacheWrite(),
                base.reasoning(), base.perRequest(), PriceSpec.parseTiers(body));
        Integer last = em.createNamedQuery("Price.lastVersion", Integer.class).setParameter("model", model)
                .setParameter("currency", currency).getSingleResult();
        int version = last == null ? 1 : last + 1;
        jakarta.json.JsonObjectBuilder spec = prices.toJson();
        if (retireAt != null) {
            spec.add("retire_at", retireAt.toString());
        }
        Price p = new Price(model, currency, version, from.toEpochMilli(), spec.build().toString(),
                LocalDateTime.now(ZoneOffset.UTC));
        em.persist(p);
        try {
            em.flush();
        } catch (jakarta.persistence.PersistenceException e) {
            throw new GatewayException(Problem.CONFLICT, "Another version of this price was stored at the same "
                    + "time; send it again.");
        }
        PriceVersion v = PriceVersion.of(p);
        audit.record(exchange, "create", ENTITY, model + "|" + currency + "|" + version, null, v.toJson());
        audit.afterCommit(table::invalidate);
        return v;
    }

    /** Every version of every price (a read for the table's cache). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<PriceVersion> all() {
        return em.createNamedQuery("Price.all", Price.class).getResultList().stream().map(PriceVersion::of).toList();
    }
}
