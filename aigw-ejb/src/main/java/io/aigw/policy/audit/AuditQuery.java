package io.aigw.policy.audit;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads the audit trail for the compliance API. */
@Stateless
public class AuditQuery {

    @PersistenceContext(unitName = "aigw")
    EntityManager em;

    public AuditPage page(AuditFilter filter, int offset, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(filter, params);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(a) FROM AuditRecord a" + where, Long.class);
        TypedQuery<AuditRecord> rows = em.createQuery("SELECT a FROM AuditRecord a" + where
                + " ORDER BY a.occurredAt DESC, a.nodeId, a.chainSeq DESC", AuditRecord.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            rows.setParameter(k, v);
        });
        return new AuditPage(count.getSingleResult(), offset,
                rows.setFirstResult(offset).setMaxResults(limit).getResultList());
    }

    public Optional<AuditRecord> find(String id) {
        return Optional.ofNullable(em.find(AuditRecord.class, id));
    }

    private static String where(AuditFilter f, Map<String, Object> params) {
        StringBuilder sb = new StringBuilder();
        add(sb, params, "a.occurredAt >= :from", "from", f.from());
        add(sb, params, "a.occurredAt < :to", "to", f.to());
        add(sb, params, "a.keyId = :keyId", "keyId", f.keyId());
        add(sb, params, "a.tenant = :tenant", "tenant", f.tenant());
        add(sb, params, "(a.modelRequested = :model OR a.modelResolved = :model)", "model", f.model());
        add(sb, params, "a.status = :status", "status", f.status());
        add(sb, params, "a.operation = :operation", "operation", f.operation());
        return sb.toString();
    }

    private static void add(StringBuilder sb, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null) {
            sb.append(sb.length() == 0 ? " WHERE " : " AND ").append(clause);
            params.put(name, value);
        }
    }
}
