package io.aigw.jca.outbound;

import io.aigw.jca.provider.Provider;
import io.aigw.jca.provider.ProviderSettings;
import io.aigw.jca.provider.Providers;
import io.aigw.jca.provider.UpstreamCredential;
import io.aigw.jca.provider.http.ReadWatchdog;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.security.PasswordCredential;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Timer;
import java.util.logging.Logger;
import javax.security.auth.Subject;

/**
 * One provider connection as configured in {@code server.xml} ({@code <properties.aigw .../>}). Creates managed
 * connections that authenticate with the container-managed credential ({@code authData}) or a per-request one, and
 * matches pooled connections on exactly those. {@code equals}/{@code hashCode} cover every configuration property.
 */
public class AiManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(AiManagedConnectionFactory.class.getName());

    private String connectionName = "openai";
    private String protocol = "openai";
    private String baseUrl = "https://api.openai.com/v1";
    private String connectTimeout = "5s";
    private String responseTimeout = "60s";
    private String idleTimeout = "30s";
    private String totalTimeout = "10m";
    private Boolean requiresCredential = Boolean.TRUE;
    private String headers = "";
    private String models = "";
    private String cacheDirectory = "";
    private String apiKeyHeader = "";
    private String queryParameters = "";
    private String dropRequestFields = "";
    private String region = "";
    private String modelPath = "";
    private Integer contextSize = 2048;
    private Integer threads = 1;
    private Integer inferenceSlots = 2;
    private Boolean imageFetchAllowPrivateNetworks = Boolean.FALSE;
    private Long imageFetchMaxBytes = 20L * 1024 * 1024;
    private String imageFetchTimeout = "10s";
    private Integer imageFetchMaxImages = 8;
    private Long imageFetchMaxTotalBytes = 20L * 1024 * 1024;
    private String imageFetchTotalTimeout = "20s";
    private String proxyUrl = "";
    private String noProxy = "";
    private String dataLocality = "";

    private transient ResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;
    private transient volatile Provider provider;
    private final transient java.util.concurrent.atomic.AtomicInteger live = new java.util.concurrent.atomic.AtomicInteger();
    /** Connection handles handed out and not yet closed (connections in use). */
    private final transient java.util.concurrent.atomic.AtomicInteger handlesOut =
            new java.util.concurrent.atomic.AtomicInteger();
    /** Callers inside the connection manager's allocation (waiting for a pooled connection or a new one). */
    private final transient java.util.concurrent.atomic.AtomicInteger pending =
            new java.util.concurrent.atomic.AtomicInteger();
    private transient volatile boolean retired;
    private transient ReadWatchdog ownWatchdog;

    // ---- configuration properties (ra.xml config-property) ----

    public String getConnectionName() { return connectionName; }
    public void setConnectionName(String v) { connectionName = v; }
    public String getProtocol() { return protocol; }
    public void setProtocol(String v) { protocol = v; }
    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String v) { baseUrl = v; }
    public String getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(String v) { connectTimeout = v; }
    public String getResponseTimeout() { return responseTimeout; }
    public void setResponseTimeout(String v) { responseTimeout = v; }
    public String getIdleTimeout() { return idleTimeout; }
    public void setIdleTimeout(String v) { idleTimeout = v; }
    public String getTotalTimeout() { return totalTimeout; }
    public void setTotalTimeout(String v) { totalTimeout = v; }
    public Boolean getRequiresCredential() { return requiresCredential; }
    public void setRequiresCredential(Boolean v) { requiresCredential = v; }
    public String getHeaders() { return headers; }
    public void setHeaders(String v) { headers = v; }
    public String getModels() { return models; }
    public void setModels(String v) { models = v; }
    public String getCacheDirectory() { return cacheDirectory; }
    public void setCacheDirectory(String v) { cacheDirectory = v; }
    public String getApiKeyHeader() { return apiKeyHeader; }
    public void setApiKeyHeader(String v) { apiKeyHeader = v; }
    public String getQueryParameters() { return queryParameters; }
    public void setQueryParameters(String v) { queryParameters = v; }
    public String getDropRequestFields() { return dropRequestFields; }
    public void setDropRequestFields(String v) { dropRequestFields = v; }
    public String getRegion() { return region; }
    public void setRegion(String v) { region = v; }
    public String getModelPath() { return modelPath; }
    public void setModelPath(String v) { modelPath = v; }
    public Integer getContextSize() { return contextSize; }
    public void setContextSize(Integer v) { contextSize = v; }
    public Integer getThreads() { return threads; }
    public void setThreads(Integer v) { threads = v; }
    public Integer getInferenceSlots() { return inferenceSlots; }
    public void setInferenceSlots(Integer v) { inferenceSlots = v; }
    public Boolean getImageFetchAllowPrivateNetworks() { return imageFetchAllowPrivateNetworks; }
    public void setImageFetchAllowPrivateNetworks(Boolean v) { imageFetchAllowPrivateNetworks = v; }
    public Long getImageFetchMaxBytes() { return imageFetchMaxBytes; }
    public void setImageFetchMaxBytes(Long v) { imageFetchMaxBytes = v; }
    public String getImageFetchTimeout() { return imageFetchTimeout; }
    public void setImageFetchTimeout(String v) { imageFetchTimeout = v; }
    public Integer getImageFetchMaxImages() { return imageFetchMaxImages; }
    public void setImageFetchMaxImages(Integer v) { imageFetchMaxImages = v; }
    public Long getImageFetchMaxTotalBytes() { return imageFetchMaxTotalBytes; }
    public void setImageFetchMaxTotalBytes(Long v) { imageFetchMaxTotalBytes = v; }
    public String getImageFetchTotalTimeout() { return imageFetchTotalTimeout; }
    public void setImageFetchTotalTimeout(String v) { imageFetchTotalTimeout = v; }
    public String getProxyUrl() { return proxyUrl; }
    public void setProxyUrl(String v) { proxyUrl = v; }
    public String getNoProxy() { return noProxy; }
    public void setNoProxy(String v) { noProxy = v; }
    public String getDataLocality() { return dataLocality; }
    public void setDataLocality(String v) { dataLocality = v; }

    /**
     * Whether requests on this connection stay on infrastructure the administrator controls: {@code dataLocality}
     * {@code local}, or by default the in-process {@code local} protocol (its models run inside the server).
     */
    public boolean keepsDataLocal() {
        String v = dataLocality == null || dataLocality.startsWith("${") ? "" : dataLocality.trim();
        return v.isEmpty() ? "local".equals(protocol) : v.equalsIgnoreCase("local");
    }

    // ---- ManagedConnectionFactory ----

    @Override
    public Object createConnectionFactory(ConnectionManager cm) {
        return new AiConnectionFactoryImpl(this, cm);
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        throw new NotSupportedException("aigw connections are available in a managed environment only");
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo cri) throws ResourceException {
        UpstreamCredential credential = credentialFor(subject, cri);
        Provider p = provider();
        live.incrementAndGet();
        try {
            return new AiManagedConnection(this, credential, cri, p.openSession(credential));
        } catch (RuntimeException e) {
            connectionDestroyed();
            throw e;
        }
    }

    /** A connection handle was handed out. */
    void handleOpened() {
        handlesOut.incrementAndGet();
    }

    /** A connection handle was closed or invalidated. */
    void handleReleased() {
        handlesOut.decrementAndGet();
    }

    /** A caller entered ({@code +1}) or left ({@code -1}) pool allocation. */
    void allocating(int delta) {
        pending.addAndGet(delta);
    }

    /** How the pool is used now: managed connections, handles out, callers inside allocation. */
    io.aigw.jca.api.PoolUsage poolUsage() {
        return new io.aigw.jca.api.PoolUsage(live.get(), Math.max(0, handlesOut.get()), Math.max(0, pending.get()));
    }

    /** One of this factory's managed connections was destroyed. */
    void connectionDestroyed() {
        if (live.decrementAndGet() == 0 && retired) {
            closeProvider();
        }
    }

    /** A newer factory of the same name took over: close the provider once no connection of this one is left. */
    void retire() {
        retired = true;
        if (live.get() == 0) {
            closeProvider();
        }
    }

    /** Whether this factory holds an open provider (for tests). */
    boolean hasProvider() {
        return provider != null;
    }

    private synchronized void closeProvider() {
        Provider p = provider;
        provider = null;
        if (p != null) {
            p.close();
            if (resourceAdapter instanceof AiResourceAdapter ra) {
                ra.release(p);
            }
            LOG.info(() -> "Connection '" + connectionName + "': closed the provider of its previous configuration");
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo cri) {
        UpstreamCredential wanted = credentialFor(subject, cri);
        for (Object o : candidates) {
            if (o instanceof AiManagedConnection mc && mc.factory().equals(this)
                    && Objects.equals(mc.credential(), wanted) && Objects.equals(mc.requestInfo(), cri)) {
                return mc;
            }
        }
        return null;
    }

    /** The per-request credential wins; otherwise the container-managed one meant for this factory, if any. */
    UpstreamCredential credentialFor(Subject subject, ConnectionRequestInfo cri) {
        if (cri instanceof AiConnectionRequestInfo info) {
            return new UpstreamCredential("request", info.apiKey());
        }
        if (subject == null) {
            return null;
        }
        for (PasswordCredential pc : subject.getPrivateCredentials(PasswordCredential.class)) {
            if (pc.getManagedConnectionFactory() == null || equals(pc.getManagedConnectionFactory())) {
                return UpstreamCredential.ofConfigured(pc.getUserName(), pc.getPassword());
            }
        }
        return null;
    }

    /** The provider shared by this factory's connections, created on first use. */
    Provider provider() throws ResourceException {
        Provider p = provider;
        if (p == null) {
            synchronized (this) {
                p = provider;
                if (p == null) {
                    AiResourceAdapter ra = resourceAdapter instanceof AiResourceAdapter a ? a : null;
                    try {
                        p = Providers.create(settings(), watchdog(ra),
                                ra != null ? ra.localModels() : new io.aigw.jca.provider.local.MiniLmEmbeddingModels());
                    } catch (IllegalArgumentException e) {
                        throw new ResourceException("connection '" + connectionName + "': " + e.getMessage(), e);
                    }
                    if (ra != null) {
                        ra.adopt(this, p);
                    }
                    provider = p;
                    retired = false;
                    LOG.info(() -> "Connection '" + connectionName + "' (" + protocol + ") ready"
                            + ("local".equals(protocol) ? "" : " for " + baseUrl));
                }
            }
        }
        return p;
    }

    private ReadWatchdog watchdog(AiResourceAdapter ra) {
        if (ra != null && ra.watchdog() != null) {
            return ra.watchdog();
        }
        if (ownWatchdog == null) {
            ownWatchdog = new ReadWatchdog(new Timer("aigw-watchdog-" + connectionName, true));
        }
        return ownWatchdog;
    }

    /** The validated configuration. */
    ProviderSettings settings() {
        return new ProviderSettings(connectionName, protocol, baseUrl,
                Durations.parse("connectTimeout", connectTimeout), Durations.parse("responseTimeout", responseTimeout),
                Durations.parse("idleTimeout", idleTimeout), Durations.parse("totalTimeout", totalTimeout),
                !Boolean.FALSE.equals(requiresCredential), parseHeaders(headers), parseList(models), cacheDirectory,
                new ProviderSettings.Dialect(apiKeyHeader, queryParameters, parseList(dropRequestFields)), region,
                new ProviderSettings.LocalModelSettings(modelPath, orDefault(contextSize, 2048), orDefault(threads, 1),
                        orDefault(inferenceSlots, 2)),
                new ProviderSettings.ImageFetchSettings(Boolean.TRUE.equals(imageFetchAllowPrivateNetworks),
                        imageFetchMaxBytes == null ? 20L * 1024 * 1024 : imageFetchMaxBytes,
                        Durations.parse("imageFetchTimeout", imageFetchTimeout),
                        orDefault(imageFetchMaxImages, 8),
                        imageFetchMaxTotalBytes == null ? 20L * 1024 * 1024 : imageFetchMaxTotalBytes,
                        Durations.parse("imageFetchTotalTimeout", imageFetchTotalTimeout)),
                proxy());
    }

    /** The configured proxy; a literal unset {@code ${env.X}} (no proxy configured) counts as none. */
    private io.aigw.jca.provider.http.EgressProxy proxy() {
        String url = proxyUrl == null || proxyUrl.startsWith("${") ? "" : proxyUrl;
        return io.aigw.jca.provider.http.EgressProxy.of(url, noProxy == null || noProxy.startsWith("${") ? ""
                : noProxy);
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static Map<String, String> parseHeaders(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String entry : spec.split(";")) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("connection factory property 'headers' must be 'Name: value; ...'");
            }
            out.put(entry.substring(0, colon).trim(), entry.substring(colon + 1).trim());
        }
        return out;
    }

    private static List<String> parseList(String spec) {
        return spec == null || spec.isBlank() ? List.of()
                : Arrays.stream(spec.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    /**
     * Whether the current thread works for the gateway application (named by the adapter's
     * {@code gatewayApplication}); without an adapter (unit tests), every caller is.
     */
    boolean gatewayIsCalling() {
        return !(resourceAdapter instanceof AiResourceAdapter ra) || ra.callers().gatewayIsCalling();
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) {
        resourceAdapter = ra;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AiManagedConnectionFactory f
                && Objects.equals(connectionName, f.connectionName) && Objects.equals(protocol, f.protocol)
                && Objects.equals(baseUrl, f.baseUrl) && Objects.equals(connectTimeout, f.connectTimeout)
                && Objects.equals(responseTimeout, f.responseTimeout) && Objects.equals(idleTimeout, f.idleTimeout)
                && Objects.equals(totalTimeout, f.totalTimeout) && Objects.equals(requiresCredential, f.requiresCredential)
                && Objects.equals(headers, f.headers) && Objects.equals(models, f.models)
                && Objects.equals(cacheDirectory, f.cacheDirectory) && Objects.equals(apiKeyHeader, f.apiKeyHeader)
                && Objects.equals(queryParameters, f.queryParameters) && Objects.equals(region, f.region)
                && Objects.equals(dropRequestFields, f.dropRequestFields)
                && Objects.equals(modelPath, f.modelPath) && Objects.equals(contextSize, f.contextSize)
                && Objects.equals(threads, f.threads) && Objects.equals(inferenceSlots, f.inferenceSlots)
                && Objects.equals(imageFetchAllowPrivateNetworks, f.imageFetchAllowPrivateNetworks)
                && Objects.equals(imageFetchMaxBytes, f.imageFetchMaxBytes)
                && Objects.equals(imageFetchTimeout, f.imageFetchTimeout)
                && Objects.equals(imageFetchMaxImages, f.imageFetchMaxImages)
                && Objects.equals(imageFetchMaxTotalBytes, f.imageFetchMaxTotalBytes)
                && Objects.equals(imageFetchTotalTimeout, f.imageFetchTotalTimeout)
                && Objects.equals(proxyUrl, f.proxyUrl) && Objects.equals(noProxy, f.noProxy)
                && Objects.equals(dataLocality, f.dataLocality);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectionName, protocol, baseUrl, connectTimeout, responseTimeout, idleTimeout,
                totalTimeout, requiresCredential, headers, models, cacheDirectory, apiKeyHeader, queryParameters, region,
                dropRequestFields, modelPath, contextSize, threads, inferenceSlots, imageFetchAllowPrivateNetworks, imageFetchMaxBytes, imageFetchTimeout, imageFetchMaxImages,
                imageFetchMaxTotalBytes, imageFetchTotalTimeout, proxyUrl, noProxy, dataLocality);
    }
}
