package io.aigw.web.compliance;

import io.aigw.policy.audit.AuditFilter;
import io.aigw.policy.audit.AuditView;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/** The audit filters the list and the export share, read from the query. */
final class AuditFilters {

    static final Set<String> NAMES = Set.of("from", "to", "tenant", "key_id", "principal", "model", "model_requested",
            "model_resolved", "connection", "status", "error_code", "operation", "stream", "state");
    private static final List<String> STATES = List.of(AuditView.COMPLETED, AuditView.IN_PROGRESS,
            AuditView.INTERRUPTED);

    private AuditFilters() {
    }

    /** {@code status} is an HTTP status ({@code 429}) or a class ({@code 4xx}). */
    static AuditFilter of(QueryParams q) {
        Integer statusMin = null;
        Integer statusMax = null;
        String status = q.text("status");
        if (status != null) {
            if (status.matches("[1-5]xx")) {
                statusMin = (status.charAt(0) - '0') * 100;
                statusMax = statusMin + 99;
            } else {
                statusMin = q.integer("status", null, 100, 599);
                statusMax = statusMin;
            }
        }
        return new AuditFilter(q.time("from", ZoneOffset.UTC), q.time("to", ZoneOffset.UTC), q.text("tenant"),
                q.text("key_id"), q.text("principal"), q.text("model"), q.text("model_requested"),
                q.text("model_resolved"), q.text("connection"), statusMin, statusMax, q.text("error_code"),
                q.text("operation"), q.bool("stream"), q.oneOf("state", STATES));
    }
}
