/**
 * HTTP plumbing shared by the HTTP provider adapters: one JDK {@code HttpClient} per connection factory, timeouts
 * for response bodies and streams (which the client's own request timeout does not cover), SSE framing, and the
 * translation of transport failures and upstream error statuses into {@link io.aigw.jca.api.ProviderException}s.
 */
package io.aigw.jca.provider.http;
