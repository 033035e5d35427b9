/**
 * Rate limits: requests and tokens per minute as continuously refilled token buckets (burst equal to the per-minute
 * figure), concurrent requests as Failsafe bulkheads, per key, per tenant and per model, enforced or in shadow mode,
 * checked before any provider is called and settled to real usage after it.
 */
package io.aigw.policy.quota;
