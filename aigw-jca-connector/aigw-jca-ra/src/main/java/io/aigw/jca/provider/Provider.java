package io.aigw.jca.provider;

/**
 * What one connection factory shares between its managed connections (an HTTP client, a loaded model). Thread-safe.
 */
public interface Provider {

    /**
     * Opens the per-connection state for one managed connection.
     *
     * @param credential the upstream credential this connection authenticates with, or {@code null} when none is
     *                   configured
     */
    ProviderSession openSession(UpstreamCredential credential);

    /** Releases what the provider holds; sessions opened from it must not be used afterwards. */
    void close();
}
