package io.aigw.policy.audit;

import java.time.LocalDateTime;

/**
 * Which audit records to read; {@code null} fields do not filter. Time, tenant and key have indexes ordered like the
 * list on every database; on PostgreSQL every other field but {@code model} and {@code streamed} alone has one too
 * (schema version 4).
 *
 * @param from           earliest time (UTC, inclusive)
 * @param to             latest time (UTC, exclusive)
 * @param tenant         the caller's tenant
 * @param keyId          the caller's key id
 * @param principal      who called (the key's name for API-key callers)
 * @param model          requested or resolved model (either matches)
 * @param modelRequested the model the client asked for
 * @param modelResolved  the model that answered
 * @param connection     the connection factory's name
 * @param statusMin      lowest HTTP status (inclusive)
 * @param statusMax      highest HTTP status (inclusive)
 * @param errorCode      the gateway's error code
 * @param operation      operation name ({@code chat}, {@code embeddings}, ...)
 * @param streamed       streamed answers only ({@code true}) or unstreamed only ({@code false})
 * @param state          {@link AuditView#COMPLETED}, {@link AuditView#IN_PROGRESS} or {@link AuditView#INTERRUPTED}
 */
public record AuditFilter(LocalDateTime from, LocalDateTime to, String tenant, String keyId, String principal,
                          String model, String modelRequested, String modelResolved, String connection,
                          Integer statusMin, Integer statusMax, String errorCode, String operation, Boolean streamed,
                          String state) {

    /** No filter: every record. */
    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null);

    /** This filter with {@code model} replaced by an exact requested or resolved model. */
    AuditFilter withModels(String requested, String resolved) {
        return new AuditFilter(from, to, tenant, keyId, principal, null, requested, resolved, connection, statusMin,
                statusMax, errorCode, operation, streamed, state);
    }
}
