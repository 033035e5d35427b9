package io.aigw.policy.audit;

import java.time.LocalDateTime;

/**
 * Which audit rows to read; {@code null} fields do not filter.
 *
 * @param from      earliest time (UTC, inclusive)
 * @param to        latest time (UTC, exclusive)
 * @param keyId     the caller's key id
 * @param tenant    the caller's tenant
 * @param model     requested or resolved model
 * @param status    HTTP status
 * @param operation operation name ({@code chat}, {@code embeddings}, ...)
 */
public record AuditFilter(LocalDateTime from, LocalDateTime to, String keyId, String tenant, String model,
                          Integer status, String operation) {
}
