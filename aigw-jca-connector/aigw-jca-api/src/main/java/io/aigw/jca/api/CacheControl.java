package io.aigw.jca.api;

/**
 * A prompt-caching breakpoint: the prompt up to and including the part that carries it may be cached by providers
 * with explicit caching (Anthropic {@code cache_control}, Bedrock {@code cachePoint}); other providers ignore it.
 *
 * @param ttl the requested lifetime as the client sent it (e.g. {@code 5m}, {@code 1h}), or {@code null} for the
 *            provider's default
 */
public record CacheControl(String ttl) {

    /** A breakpoint with the provider's default lifetime. */
    public static final CacheControl DEFAULT = new CacheControl(null);
}
