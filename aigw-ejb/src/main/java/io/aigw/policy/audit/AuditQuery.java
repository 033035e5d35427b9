package io.aigw.policy.audit;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the audit trail for the compliance API: each request's events merged into one record, limited to one
 * tenant's records unless the caller may read every tenant's.
 */
@Stateless
public class AuditQuery {

    /** A request's main event: its outcome, or its accepted event while it has none. */
    private static final String MAIN_EVENT = "(a.eventType IN ('outcome', 'record', 'auth_failure') OR (a.eventType = 'accepted' AND "
            + "NOT EXISTS (SELECT o FROM AuditRecord o WHERE o.requestId = a.requestId AND o.eventType = 'outcome')))";

    @PersistenceContext(unitName = "aigw")
    EntityManager em;

    /**
     * @param scopeTenant the only tenant whose records may be read, or {@code null} for every tenant
     */
    public AuditPage page(AuditFilter filter, String scopeTenant, int offset, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(filter, scopeTenant, params);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(a) FROM AuditRecord a" + where, Long.class);
        TypedQuery<AuditRecord> rows = em.createQuery("SELECT a FROM AuditRecord a" + where
                + " ORDER BY a.occurredAt DESC, a.nodeId, a.chainSeq DESC", AuditRecord.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            rows.setParameter(k, v);
        });
        List<AuditRecord> main = rows.setFirstResult(offset).setMaxResults(limit).getResultList();
        return new AuditPage(count.getSingleResult(), offset, views(main));
    }

    /** One request's record by its id (the {@code x-request-id} it was answered with), within the scope. */
    public Optional<AuditView> find(String requestId, String scopeTenant) {
        List<AuditRecord> events = em.createQuery("SELECT a FROM AuditRecord a WHERE a.requestId = :id "
                + "ORDER BY a.chainSeq", AuditRecord.class).setParameter("id", requestId).getResultList();
        AuditRecord main = null;
        LocalDateTime acceptedAt = null;
        List<String> changes = new ArrayList<>();
        for (AuditRecord e : events) {
            switch (e.getEventType()) {
                case AuditRecords.ACCEPTED -> {
                    acceptedAt = e.getOccurredAt();
                    main = main == null ? e : main;
                }
                case AuditRecords.OUTCOME, AuditRecords.RECORD, AuthFailureSummary.EVENT -> main = e;
                case AuditRecords.ADMIN -> changes.add(e.getDetails());
                default -> {
                }
            }
        }
        if (main == null || scopeTenant != null && !scopeTenant.equals(main.getTenant())) {
            return Optional.empty();
        }
        return Optional.of(new AuditView(main, AuditView.stateOf(main), acceptedAt, changes));
    }

    private List<AuditView> views(List<AuditRecord> main) {
        List<String> admin = main.stream().filter(r -> "admin".equals(r.getOperation()))
                .map(AuditRecord::getRequestId).toList();
        Map<String, List<String>> changes = new HashMap<>();
        if (!admin.isEmpty()) {
            em.createQuery("SELECT a FROM AuditRecord a WHERE a.eventType = 'admin' AND a.requestId IN :ids "
                            + "ORDER BY a.chainSeq", AuditRecord.class).setParameter("ids", admin).getResultList()
                    .forEach(e -> changes.computeIfAbsent(e.getRequestId(), k -> new ArrayList<>()).add(e.getDetails()));
        }
        List<AuditView> out = new ArrayList<>(main.size());
        for (AuditRecord r : main) {
            out.add(new AuditView(r, AuditView.stateOf(r), null, changes.getOrDefault(r.getRequestId(), List.of())));
        }
        return out;
    }

    private static String where(AuditFilter f, String scopeTenant, Map<String, Object> params) {
        StringBuilder sb = new StringBuilder(" WHERE ").append(MAIN_EVENT);
        add(sb, params, "a.tenant = :scope", "scope", scopeTenant);
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
            sb.append(" AND ").append(clause);
            params.put(name, value);
        }
    }
}
