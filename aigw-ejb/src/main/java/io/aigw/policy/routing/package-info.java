/**
 * Where a request goes: the configured connections ({@code eis/aigw/<name>}), model ids resolved to a connection
 * and provider model, the catalogue of what each connection can serve, and the translation of provider failures.
 */
package io.aigw.policy.routing;
