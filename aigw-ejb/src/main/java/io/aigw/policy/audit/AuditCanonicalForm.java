package io.aigw.policy.audit;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

/**
 * The exact text of an event that its chain hash covers: every column but the hash itself, in a fixed order, each as
 * {@code <length>:<value>;} ({@code -;} for null) so that no two events share a form. Versioned: a new field means a
 * new version, and events keep the version they were hashed with ({@code FORM_VERSION}).
 */
final class AuditCanonicalForm {

    /** The form this build writes: version 2 adds the principal after the tenant. */
    static final int VERSION = 2;

    private AuditCanonicalForm() {
    }

    static byte[] of(AuditRecord r) {
        int version = r.getFormVersion();
        if (version != 1 && version != VERSION) {
            throw new IllegalArgumentException("no canonical form version " + r.getFormVersion());
        }
        StringBuilder b = new StringBuilder(512);
        field(b, r.getFormVersion());
        field(b, r.getId());
        field(b, r.getRequestId());
        field(b, r.getEventType());
        field(b, r.getNodeId());
        field(b, r.getChainSeq());
        field(b, r.getOccurredAt() == null ? null : r.getOccurredAt().toInstant(ZoneOffset.UTC).toEpochMilli());
        field(b, r.getKeyId());
        field(b, r.getTenant());
        if (version >= 2) {
            field(b, r.getPrincipal());
        }
        field(b, r.getOperation());
        field(b, r.getMethod());
        field(b, r.getPath());
        field(b, r.getClientAddress());
        field(b, r.getModelRequested());
        field(b, r.getModelResolved());
        field(b, r.getConnection());
        field(b, r.isStreamed());
        field(b, r.getStatus());
        field(b, r.getErrorCode());
        field(b, r.getErrorMessage());
        field(b, r.getInputTokens());
        field(b, r.getOutputTokens());
        field(b, r.getCachedInputTokens());
        field(b, r.getCacheWriteTokens());
        field(b, r.getReasoningTokens());
        field(b, r.isUsageEstimated());
        field(b, r.getFinishReason());
        field(b, r.getLatencyMillis());
        field(b, r.getFirstChunkMillis());
        field(b, r.getDetails());
        field(b, r.getPrevHash());
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void field(StringBuilder b, Object value) {
        if (value == null) {
            b.append("-;");
            return;
        }
        String s = value.toString();
        b.append(s.length()).append(':').append(s).append(';');
    }
}
