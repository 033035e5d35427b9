package io.aigw.policy.audit;

import java.util.List;

/**
 * One page of audit records, newest first.
 *
 * @param rows       this page's records
 * @param next       where the next page starts, or {@code null} after the last record
 * @param total      records matching the filter, only when asked for (else {@code null}); counted up to
 *                   {@link AuditQuery#TOTAL_CAP}
 * @param totalExact whether {@code total} is exact ({@code false}: at least that many)
 */
public record AuditPage(List<AuditView> rows, AuditCursor next, Long total, boolean totalExact) {

    public AuditPage {
        rows = List.copyOf(rows);
    }
}
