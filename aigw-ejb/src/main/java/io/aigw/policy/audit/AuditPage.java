package io.aigw.policy.audit;

import java.util.List;

/**
 * One page of audit rows, newest first.
 *
 * @param total  rows matching the filter
 * @param offset rows skipped
 * @param rows   this page's rows
 */
public record AuditPage(long total, int offset, List<AuditRecord> rows) {
}
