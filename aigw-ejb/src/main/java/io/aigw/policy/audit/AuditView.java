package io.aigw.policy.audit;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One request's record as the compliance API shows it: its events merged.
 *
 * @param record     the outcome event (or, while there is none, the accepted event; a single {@code record} event
 *                   for requests audited before events existed)
 * @param state      {@code completed}, {@code in_progress} (accepted, no outcome yet) or {@code interrupted} (its
 *                   node stopped before the outcome was written)
 * @param acceptedAt when the accepted event was written, or {@code null}
 * @param changes    the administrative changes the request made (their {@code details} documents), oldest first
 */
public record AuditView(AuditRecord record, String state, LocalDateTime acceptedAt, List<String> changes) {

    public static final String COMPLETED = "completed";
    public static final String IN_PROGRESS = "in_progress";
    public static final String INTERRUPTED = "interrupted";

    public AuditView {
        changes = List.copyOf(changes);
    }

    static String stateOf(AuditRecord main) {
        if (AuditRecords.ACCEPTED.equals(main.getEventType())) {
            return IN_PROGRESS;
        }
        return AuditRecords.INTERRUPTED.equals(main.getErrorCode()) && main.getStatus() == null ? INTERRUPTED
                : COMPLETED;
    }
}
