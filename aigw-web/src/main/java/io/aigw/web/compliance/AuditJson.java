package io.aigw.web.compliance;

import io.aigw.policy.audit.AuditRecord;
import io.aigw.policy.audit.AuditView;
import io.aigw.codec.json.JsonText;
import jakarta.json.JsonArrayBuilder;
import io.aigw.codec.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * One request's audit record as JSON (snake_case, times as ISO-8601 UTC): its events merged, with its {@code state}
 * ({@code completed}, {@code in_progress}, {@code interrupted}) and the administrative {@code changes} it made; a
 * summary of failed authentications carries its {@code failures}.
 */
final class AuditJson {

    private AuditJson() {
    }

    static JsonObject of(AuditView view) {
        AuditRecord r = view.record();
        JsonArrayBuilder changes = Jsonp.createArrayBuilder();
        view.changes().forEach(c -> changes.add(JsonText.parseObject(c)));
        JsonObjectBuilder b = Jsonp.createObjectBuilder()
                .add("id", r.getRequestId())
                .add("state", view.state())
                .add("node_id", r.getNodeId())
                .add("chain_seq", r.getChainSeq())
                .add("occurred_at", r.getOccurredAt().toString() + "Z")
                .add("operation", r.getOperation())
                .add("stream", r.isStreamed())
                .add("latency_ms", r.getLatencyMillis())
                .add("usage_estimated", r.isUsageEstimated());
        opt(b, "status", r.getStatus());
        opt(b, "accepted_at", view.acceptedAt() == null ? null : view.acceptedAt().toString() + "Z");
        if (!view.changes().isEmpty()) {
            b.add("changes", changes);
        }
        if ("auth_failure".equals(r.getEventType()) && r.getDetails() != null) {
            // failed authentications of one client address in one second: count, first and last request ids, paths
            b.add("failures", JsonText.parseObject(r.getDetails()));
        } else if (r.getDetails() != null) {
            // what the outcome says beyond the columns: the query a compliance read ran, when an interrupted request
            // was settled, that a value was sanitised
            b.add("details", JsonText.parseObject(r.getDetails()));
        }
        opt(b, "key_id", r.getKeyId());
        opt(b, "tenant", r.getTenant());
        opt(b, "principal", r.getPrincipal());
        opt(b, "method", r.getMethod());
        opt(b, "path", r.getPath());
        opt(b, "client_address", r.getClientAddress());
        opt(b, "model_requested", r.getModelRequested());
        opt(b, "model_resolved", r.getModelResolved());
        opt(b, "connection", r.getConnection());
        opt(b, "error_code", r.getErrorCode());
        opt(b, "error_message", r.getErrorMessage());
        opt(b, "finish_reason", r.getFinishReason());
        opt(b, "input_tokens", r.getInputTokens());
        opt(b, "output_tokens", r.getOutputTokens());
        opt(b, "cached_input_tokens", r.getCachedInputTokens());
        opt(b, "cache_write_tokens", r.getCacheWriteTokens());
        opt(b, "reasoning_tokens", r.getReasoningTokens());
        opt(b, "first_chunk_ms", r.getFirstChunkMillis());
        return b.build();
    }

    private static void opt(JsonObjectBuilder b, String name, Object value) {
        if (value == null) {
            b.addNull(name);
        } else if (value instanceof String s) {
            b.add(name, s);
        } else {
            b.add(name, ((Number) value).longValue());
        }
    }
}
