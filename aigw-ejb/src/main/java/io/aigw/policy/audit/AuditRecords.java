package io.aigw.policy.audit;

import io.aigw.jca.api.Usage;
import io.aigw.policy.auth.Caller;
import io.aigw.policy.chain.Exchange;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/** Builds the audit row of an exchange from what its steps recorded. */
final class AuditRecords {

    private static final int MAX_TEXT = 500;

    private AuditRecords() {
    }

    static AuditRecord of(Exchange ex) {
        AuditRecord r = new AuditRecord(ex.id());
        r.occurredAt(LocalDateTime.ofInstant(ex.receivedAt(), ZoneOffset.UTC));
        Caller caller = ex.caller();
        r.caller(caller == null ? null : caller.keyId(), caller == null ? null : caller.tenant());
        r.request(ex.operation().auditName(), ex.call().method(), cut(ex.call().path(), 300),
                cut(ex.call().clientAddress(), 64));
        r.routing(cut(ex.requestedModel(), 300), cut(ex.resolvedModel(), 300), ex.connection(), ex.stream());
        r.outcome(ex.status(), ex.problem() == null ? (ex.status() == 499 ? "client-aborted" : null) : ex.problem().slug(),
                cut(ex.errorMessage(), MAX_TEXT));
        Usage u = ex.usage();
        if (u != null) {
            r.usage(u.inputTokens(), u.outputTokens(), u.cachedInputTokens(), u.cacheWriteTokens(), u.reasoningTokens(),
                    u.estimated());
        }
        r.timing(ex.elapsedMillis(), ex.firstChunkMillis(),
                ex.finishReason() == null ? null : ex.finishReason().name().toLowerCase(Locale.ROOT));
        return r;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
