package io.aigw.policy.audit;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.chain.Exchange;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Audits administrative changes in the transaction that makes them: the change commits only with its event (who,
 * what, the entity's id, its state before and after; never a secret). Every admin entity's service calls it inside its
 * container transaction.
 */
@ApplicationScoped
public class AdminAudit {

    @Inject
    AuditWriter writer;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /**
     * Adds the change's event to the current transaction; if it cannot be written the transaction is marked for
     * rollback and the request fails with 503 {@code audit_unavailable}.
     *
     * @param action   what was done ({@code create}, {@code revoke}, ...)
     * @param entity   the kind of entity ({@code api_key}, ...)
     * @param entityId the entity's id
     * @param before   its state before, or {@code null} when created
     * @param after    its state after, or {@code null} when deleted
     */
    public void record(Exchange exchange, String action, String entity, String entityId, JsonObject before,
                       JsonObject after) {
        try {
            writer.appendInTransaction(AuditRecords.admin(exchange, action, entity, entityId, before, after),
                    transactions);
        } catch (AuditUnavailableException e) {
            transactions.setRollbackOnly();
            throw new GatewayException(Problem.AUDIT_UNAVAILABLE, "The audit trail is unavailable, so the change was "
                    + "not made. Retry later.", null, writer.retryAfter(), e);
        }
    }

    /** Runs {@code action} once the current transaction has committed (e.g. dropping cached state). */
    public void afterCommit(Runnable action) {
        transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                action.run();
            }
        });
    }

    /** A builder for an entity's audited state. */
    public static JsonObjectBuilder state() {
        return AuditDetails.object();
    }
}
