/**
 * HTTP plumbing shared by the HTTP provider adapters: one blocking client (Apache HttpClient 5, minimal, pooled
 * keep-alive connections) per connection factory, the requests and responses the sessions exchange through it
 * ({@link io.aigw.jca.provider.http.UpstreamRequest}, {@link io.aigw.jca.provider.http.UpstreamResponse}), the
 * watchdog that enforces response-header, idle and total timeouts, SSE framing, image fetching with SSRF
 * protection, and the translation of transport failures and upstream error statuses into
 * {@link io.aigw.jca.api.ProviderException}s.
 */
package io.aigw.jca.provider.http;
