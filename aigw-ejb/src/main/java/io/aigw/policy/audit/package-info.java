/**
 * The audit trail: one append-only row per request, whatever its outcome, committed (group commit) before the answer
 * is released. Rows are numbered per gateway node ({@code NODE_ID}, {@code CHAIN_SEQ}) so that each node can keep its
 * own hash chain when several servers share one database.
 */
package io.aigw.policy.audit;
