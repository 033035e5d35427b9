/**
 * The compliance API ({@code /compliance}; compliance keys for their own tenant, auditor and admin keys for every
 * tenant): the audit trail a page at a time as JSON or CSV, streamed exports as CSV or JSON Lines, the chains'
 * verification, and usage and analytics (ranked groups, zero-filled time series, latency percentiles) from the
 * aggregate store.
 */
package io.aigw.web.compliance;
