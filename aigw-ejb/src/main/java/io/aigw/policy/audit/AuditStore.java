package io.aigw.policy.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Writes audit batches, each in its own transaction, and reads the per-node sequence. */
@Stateless
public class AuditStore {

    @PersistenceContext(unitName = "aigw")
    EntityManager em;

    /** Inserts the records and commits: one durable commit (and one JDBC batch) for the whole batch. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void insert(List<AuditRecord> records) {
        for (AuditRecord r : records) {
            em.persist(r);
        }
    }

    /** The highest sequence number this node has written, or 0. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long lastSequence(String nodeId) {
        Long max = em.createQuery("SELECT MAX(a.chainSeq) FROM AuditRecord a WHERE a.nodeId = :node", Long.class)
                .setParameter("node", nodeId).getSingleResult();
        return max == null ? 0 : max;
    }
}
