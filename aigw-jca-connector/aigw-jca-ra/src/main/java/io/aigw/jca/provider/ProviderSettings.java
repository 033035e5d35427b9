package io.aigw.jca.provider;

import io.aigw.jca.api.ModelInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The immutable configuration of one connection factory, as the administrator set it in {@code server.xml}.
 *
 * @param connectionName     the connection's name ({@code eis/aigw/<name>})
 * @param protocol           the wire protocol ({@code openai}, {@code local})
 * @param baseUrl            the upstream base URL (HTTP protocols)
 * @param connectTimeout     TCP connect timeout
 * @param responseTimeout    time until the upstream's response headers
 * @param idleTimeout        longest silence between two reads of a response body or stream
 * @param totalTimeout       longest time for a whole request, stream included
 * @param requiresCredential whether calls need an upstream credential (false for e.g. a local Ollama)
 * @param headers            extra request headers (dialect quirks, organisation ids)
 * @param models             models the connection serves; empty means "ask the upstream"
 * @param cacheDirectory     where native libraries may cache files (local protocol)
 */
public record ProviderSettings(String connectionName, String protocol, String baseUrl, Duration connectTimeout,
                               Duration responseTimeout, Duration idleTimeout, Duration totalTimeout,
                               boolean requiresCredential, Map<String, String> headers, List<String> models,
                               String cacheDirectory) {

    public ProviderSettings {
        headers = Map.copyOf(headers);
        models = List.copyOf(models);
    }

    /** The configured {@link #models()} as model infos (embedding models recognised by name). */
    public List<ModelInfo> configuredModels() {
        return models.stream().map(id -> new ModelInfo(id, connectionName, 0, Set.of(id.contains("embed")
                ? ModelInfo.Capability.EMBEDDINGS : ModelInfo.Capability.CHAT))).toList();
    }
}
