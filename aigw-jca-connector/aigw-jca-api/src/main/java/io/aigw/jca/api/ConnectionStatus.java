package io.aigw.jca.api;

/**
 * Whether a connection can serve.
 *
 * @param connection the connection name
 * @param protocol   its wire protocol ({@code openai}, {@code local}, ...)
 * @param available  {@code true} if it can serve requests
 * @param reason     why not, when not available (never contains a credential)
 */
public record ConnectionStatus(String connection, String protocol, boolean available, String reason) {
}
