/**
 * The one usage aggregate store: requests, errors, tokens by type, cost per currency and a latency histogram per UTC
 * hour, tenant, key, model, route, operation and node ({@code AIGW_USAGE_HOURLY}). Each node adds to its own rows
 * once per bucket per audit group commit, in the commit's transaction, so the sums always equal the records they
 * summarise and servers sharing one database never contend for a row. It outlives audit retention; compliance usage,
 * analytics (ranked groups with zero-filled time series and latency percentiles estimated from the histogram),
 * quotas and telemetry read it.
 */
package io.aigw.policy.usage;
