/**
 * Where a request goes: the configured connections ({@code eis/aigw/<name>}), model ids resolved to a connection
 * and provider model, the catalogue of what each connection can serve, the translation of provider failures, and
 * the running of routes ({@link io.aigw.policy.routing.Router}): target order by strategy, the checks of each target,
 * attempts with retries and fallback, and the per-server state they use (circuit breakers, latencies, cool-downs).
 */
package io.aigw.policy.routing;
