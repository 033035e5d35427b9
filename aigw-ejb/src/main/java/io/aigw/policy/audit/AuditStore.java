package io.aigw.policy.audit;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import java.util.List;

/** Writes audit batches, each in its own transaction, and reads the per-node sequence. */
@Stateless
public class AuditStore {

    @PersistenceContext(unitName = "aigw")
    EntityManager em;

    @Resource(lookup = "jdbc/aigw")
    DataSource dataSource;

    /** Inserts the records and commits: one JDBC batch and one durable commit for the whole batch. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void insert(List<AuditRecord> records) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(AuditRows.INSERT)) {
            for (AuditRecord r : records) {
                AuditRows.bind(ps, r);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new PersistenceException("the audit batch could not be inserted", e);
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
