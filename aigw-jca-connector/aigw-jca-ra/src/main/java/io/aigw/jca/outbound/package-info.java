/**
 * The outbound resource adapter: the {@code ManagedConnectionFactory} an administrator configures per provider
 * connection, the pooled {@code ManagedConnection}s, and the application handles
 * ({@link io.aigw.jca.api.AiConnection}) that the container hands out. Connection matching honours credentials and
 * request info; broken connections fire {@code CONNECTION_ERROR_OCCURRED}; closed and invalidated handles refuse use.
 */
package io.aigw.jca.outbound;
