package io.aigw.policy.audit;

import java.util.List;

/**
 * One page of audit records, newest first.
 *
 * @param total  records matching the filter
 * @param offset records skipped
 * @param rows   this page's records
 */
public record AuditPage(long total, int offset, List<AuditView> rows) {
}
