package io.aigw.jca.provider;

import io.aigw.jca.provider.http.EgressProxy;
import io.aigw.jca.api.ModelInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The immutable configuration of one connection factory, as the administrator set it in {@code server.xml}.
 *
 * @param connectionName     the connection's name ({@code eis/aigw/<name>})
 * @param protocol           the wire protocol ({@code openai}, {@code anthropic}, {@code gemini}, {@code bedrock},
 *                           {@code local})
 * @param baseUrl            the upstream base URL (HTTP protocols); {@code {model}} in it is replaced by the request's
 *                           model (Azure OpenAI deployment URLs)
 * @param connectTimeout     TCP connect timeout
 * @param responseTimeout    time until the upstream's response headers
 * @param idleTimeout        longest silence between two reads of a response body or stream
 * @param totalTimeout       longest time for a whole request, stream included
 * @param requiresCredential whether calls need an upstream credential (false for e.g. a local Ollama)
 * @param headers            extra request headers (dialect quirks, organisation ids)
 * @param models             models the connection serves; empty means "ask the upstream"
 * @param cacheDirectory     where native libraries may cache files (local protocol)
 * @param dialect            how an HTTP protocol's variants differ: key header, query parameters
 * @param region             the cloud region (Bedrock), or empty
 * @param localModel         the local generation model (protocol {@code local})
 * @param imageFetch         how image URLs are fetched for providers that need the bytes
 * @param proxy              the HTTP proxy upstreams and image URLs are reached through ({@link EgressProxy#NONE}:
 *                           directly)
 */
public record ProviderSettings(String connectionName, String protocol, String baseUrl, Duration connectTimeout,
                               Duration responseTimeout, Duration idleTimeout, Duration totalTimeout,
                               boolean requiresCredential, Map<String, String> headers, List<String> models,
                               String cacheDirectory, Dialect dialect, String region, LocalModelSettings localModel,
                               ImageFetchSettings imageFetch, EgressProxy proxy) {

    public ProviderSettings {
        headers = Map.copyOf(headers);
        models = List.copyOf(models);
        dialect = dialect == null ? Dialect.DEFAULT : dialect;
        region = region == null ? "" : region.trim();
        localModel = localModel == null ? LocalModelSettings.NONE : localModel;
        imageFetch = imageFetch == null ? ImageFetchSettings.DEFAULTS : imageFetch;
        proxy = proxy == null ? EgressProxy.NONE : proxy;
    }

    /** Settings with the defaults for everything but the basics (tests, embedded use). */
    public static ProviderSettings of(String connectionName, String protocol, String baseUrl, Duration timeout) {
        return new ProviderSettings(connectionName, protocol, baseUrl, timeout, timeout, timeout, timeout, true,
                Map.of(), List.of(), "", null, null, null, null, null);
    }

    /** The same settings with another base URL. */
    public ProviderSettings withBaseUrl(String url) {
        return new ProviderSettings(connectionName, protocol, url, connectTimeout, responseTimeout, idleTimeout,
                totalTimeout, requiresCredential, headers, models, cacheDirectory, dialect, region, localModel,
                imageFetch, proxy);
    }

    /** The configured {@link #models()} as model infos (embedding models recognised by name). */
    public List<ModelInfo> configuredModels() {
        return models.stream().map(id -> new ModelInfo(id, connectionName, 0, Set.of(id.contains("embed")
                ? ModelInfo.Capability.EMBEDDINGS : ModelInfo.Capability.CHAT))).toList();
    }

    /**
     * The variant of an HTTP protocol an upstream speaks, as configuration rather than code.
     *
     * @param apiKeyHeader    the header carrying the API key; empty means the protocol's own ({@code Authorization:
     *                        Bearer} for OpenAI); {@code Authorization} always gets the {@code Bearer} scheme, any other
     *                        header (Azure's {@code api-key}) the bare key
     * @param queryParameters appended to every request URL (Azure's {@code api-version=...}), already encoded
     * @param dropFields      top-level request fields this upstream rejects (e.g. {@code stream_options} for servers
     *                        that do not know it), removed before sending
     */
    public record Dialect(String apiKeyHeader, String queryParameters, List<String> dropFields) {
        public static final Dialect DEFAULT = new Dialect("", "", List.of());

        public Dialect {
            apiKeyHeader = apiKeyHeader == null ? "" : apiKeyHeader.trim();
            queryParameters = queryParameters == null ? "" : queryParameters.trim();
            dropFields = dropFields == null ? List.of() : List.copyOf(dropFields);
        }
    }

    /**
     * A local generation model (GGUF) served in process.
     *
     * @param modelPath      the GGUF file, or empty for none (the connection then serves embeddings only)
     * @param contextSize    tokens of context per inference context (one per managed connection)
     * @param threads        CPU threads the model's generation loop uses
     * @param inferenceSlots inference contexts the model holds: the most managed connections that can generate at
     *                       once (set it to the connection manager's {@code maxPoolSize})
     */
    public record LocalModelSettings(String modelPath, int contextSize, int threads, int inferenceSlots) {
        public static final LocalModelSettings NONE = new LocalModelSettings("", 2048, 1, 2);

        public LocalModelSettings {
            modelPath = modelPath == null ? "" : modelPath.trim();
            if (contextSize < 16) {
                throw new IllegalArgumentException("contextSize must be at least 16, was " + contextSize);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            }
            if (inferenceSlots < 1) {
                throw new IllegalArgumentException("inferenceSlots must be at least 1, was " + inferenceSlots);
            }
        }

        public boolean configured() {
            return !modelPath.isEmpty();
        }
    }

    /**
     * Limits for fetching image URLs on a client's behalf.
     *
     * @param allowPrivateNetworks whether loopback, private, link-local and other non-public addresses may be fetched
     * @param maxBytes             largest image accepted
     * @param timeout              longest time for one fetch, connect to last byte
     * @param maxImages            most images one request may carry (data URLs included)
     * @param maxTotalBytes        most image bytes one request may carry, all images together
     * @param totalTimeout         longest time for all fetches of one request together
     */
    public record ImageFetchSettings(boolean allowPrivateNetworks, long maxBytes, Duration timeout, int maxImages,
                                     long maxTotalBytes, Duration totalTimeout) {
        public static final ImageFetchSettings DEFAULTS = new ImageFetchSettings(false, 20L * 1024 * 1024,
                Duration.ofSeconds(10), 8, 20L * 1024 * 1024, Duration.ofSeconds(20));
    }
}
