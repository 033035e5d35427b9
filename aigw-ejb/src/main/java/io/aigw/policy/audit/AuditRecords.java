package io.aigw.policy.audit;

import io.aigw.jca.api.Usage;
import io.aigw.policy.RequestIds;
import io.aigw.policy.auth.Caller;
import io.aigw.policy.chain.Exchange;
import jakarta.json.JsonObject;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Builds audit events. Every text value is fitted to its column ({@link AuditValues}) here, so that no request can
 * make an insert fail; times are UTC, to the millisecond (what every database keeps, so the hashed form reads back
 * unchanged).
 */
final class AuditRecords {

    static final String ACCEPTED = "accepted";
    static final String OUTCOME = "outcome";
    static final String ADMIN = "admin";
    static final String PURGE = "purge";
    /** A complete record written before events existed (unchained). */
    static final String RECORD = "record";
    /** The error code of a request whose node stopped before its outcome was written. */
    static final String INTERRUPTED = "interrupted";

    private AuditRecords() {
    }

    /** The request has been accepted for a provider: who asks what, where it goes. */
    static AuditRecord accepted(Exchange ex) {
        AuditRecord r = new AuditRecord(RequestIds.next(), ex.id(), ACCEPTED);
        describe(r, ex);
        r.timing(0, null, null);
        return r;
    }

    /** How the request ended: everything the accepted event says, and the outcome. */
    static AuditRecord outcome(Exchange ex) {
        AuditRecord r = new AuditRecord(ex.id(), ex.id(), OUTCOME);
        describe(r, ex);
        r.outcome(ex.status(), ex.problem() == null ? (ex.status() == 499 ? "client-aborted" : null)
                : ex.problem().slug(), AuditValues.fit(ex.errorMessage(), 500));
        Usage u = ex.usage();
        if (u != null) {
            r.usage(u.inputTokens(), u.outputTokens(), u.cachedInputTokens(), u.cacheWriteTokens(), u.reasoningTokens(),
                    u.estimated());
        }
        r.timing(ex.elapsedMillis(), ex.firstChunkMillis(),
                ex.finishReason() == null ? null : ex.finishReason().name().toLowerCase(Locale.ROOT));
        r.route(AuditValues.fit(ex.route(), 100));
        if (ex.costCurrency() != null) {
            r.cost(ex.costCurrency(), ex.costNanos());
        } else if (ex.isUnpriced()) {
            r.unpriced();
        }
        if (!ex.notes().isEmpty()) {
            var d = AuditDetails.object();
            ex.notes().forEach((k, v) -> {
                if (v instanceof jakarta.json.JsonValue json) {
                    d.add(k, json);
                } else {
                    d.add(k, AuditValues.fit(String.valueOf(v), 2000));
                }
            });
            r.details(AuditDetails.fit(d.build()));
        }
        return r;
    }

    /** The outcome of an accepted request whose node stopped before writing one: {@code interrupted}. */
    static AuditRecord interrupted(AuditRecord accepted, LocalDateTime settledAt) {
        AuditRecord r = new AuditRecord(accepted.getRequestId(), accepted.getRequestId(), OUTCOME);
        r.occurredAt(accepted.getOccurredAt());
        r.caller(accepted.getKeyId(), accepted.getTenant());
        r.principal(accepted.getPrincipal());
        r.request(accepted.getOperation(), accepted.getMethod(), accepted.getPath(), accepted.getClientAddress());
        r.routing(accepted.getModelRequested(), accepted.getModelResolved(), accepted.getConnection(),
                accepted.isStreamed());
        r.outcome(null, INTERRUPTED, "The gateway node stopped before the request's outcome was recorded.");
        r.timing(0, null, null);
        r.details(AuditDetails.object().add("settled_at", settledAt.toString() + "Z").build().toString());
        return r;
    }

    /**
     * The event reduced to what cannot fail to insert (ids, time, operation, status), saying so in its details:
     * for an event the database refused even after its values were fitted.
     */
    static AuditRecord sanitised(AuditRecord full, String cause) {
        AuditRecord r = new AuditRecord(full.getId(), full.getRequestId(), full.getEventType());
        r.occurredAt(full.getOccurredAt());
        r.request(AuditValues.fit(full.getOperation(), 20), null, null, null);
        r.routing(null, null, null, full.isStreamed());
        r.outcome(full.getStatus(), AuditValues.fit(full.getErrorCode(), 60), null);
        r.timing(full.getLatencyMillis(), null, null);
        r.details(AuditDetails.object().add("sanitised", true)
                .add("cause", AuditValues.fit(cause, 200)).build().toString());
        return r;
    }

    /** An administrative change: who did what to which entity, with its state before and after. */
    static AuditRecord admin(Exchange ex, String action, String entity, String entityId, JsonObject before,
                             JsonObject after) {
        AuditRecord r = new AuditRecord(RequestIds.next(), ex.id(), ADMIN);
        describe(r, ex);
        r.outcome(null, null, null);
        r.timing(ex.elapsedMillis(), null, null);
        var d = AuditDetails.object().add("action", AuditValues.fit(action, 40))
                .add("entity", AuditValues.fit(entity, 40)).add("entity_id", AuditValues.fit(entityId, 100));
        d.add("before", before == null ? jakarta.json.JsonValue.NULL : before);
        d.add("after", after == null ? jakarta.json.JsonValue.NULL : after);
        r.details(AuditDetails.fit(d.build()));
        return r;
    }

    /** A retention purge of this node's events up to and including {@code throughSeq}. */
    static AuditRecord purge(LocalDateTime now, long throughSeq, String throughHash, long deleted,
                             LocalDateTime cutoff) {
        AuditRecord r = new AuditRecord(RequestIds.next(), null, PURGE);
        r.occurredAt(now.truncatedTo(ChronoUnit.MILLIS));
        r.request("retention", null, null, null);
        r.timing(0, null, null);
        r.details(AuditDetails.object().add("through_seq", throughSeq)
                .add("through_hash", throughHash == null ? AuditChain.GENESIS : throughHash)
                .add("deleted", deleted).add("cutoff", cutoff.toString() + "Z").build().toString());
        return r;
    }

    private static void describe(AuditRecord r, Exchange ex) {
        r.occurredAt(LocalDateTime.ofInstant(ex.receivedAt(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS));
        Caller caller = ex.caller();
        r.caller(caller == null ? null : AuditValues.fit(caller.keyId(), 32),
                caller == null ? null : AuditValues.fit(caller.tenant(), 100));
        // an in-process call names its caller's authenticated principal (a user of the calling application), else
        // the name of the key it calls with, as HTTP calls do
        String principal = ex.call().principal() != null ? ex.call().principal() : caller == null ? null : caller.name();
        r.principal(AuditValues.fit(principal, 200));
        r.request(ex.operation().auditName(), AuditValues.fit(ex.call().method(), 10),
                AuditValues.fit(ex.call().path(), 300), AuditValues.fit(ex.call().clientAddress(), 64));
        r.routing(AuditValues.fit(ex.requestedModel(), 300), AuditValues.fit(ex.resolvedModel(), 300),
                AuditValues.fit(ex.connection(), 100), ex.stream());
    }
}
