package io.aigw.jca.provider.http;

import io.aigw.jca.api.ProviderException;
import io.aigw.jca.provider.ProviderSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import io.aigw.jca.provider.UpstreamCredential;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.TimerTask;

/**
 * One connection factory's HTTP client and the calls made with it: HTTP/1.1, blocking in the calling thread, pooled
 * keep-alive connections. The connect timeout is the client's; the response-header, idle and total timeouts are the
 * {@link ReadWatchdog}'s. A pooled connection idle for more than 2 s is checked before it is reused, so that one the
 * upstream has closed meanwhile (uvicorn, Node and Apache httpd close idle connections after 5 s) costs a new
 * connection rather than a failed request; the check waits up to 1 ms on a live connection. Without a proxy the
 * minimal client connects directly; with one ({@link EgressProxy}, unless the upstream's host is exempt) the general
 * client is used with everything but the proxy route switched off (no retries, redirects, cookies or decompression),
 * HTTPS through {@code CONNECT}, proxy credentials answered when the proxy asks (407).
 */
public final class UpstreamHttp {

    private static final int MAX_BODY = 64 * 1024 * 1024;
    private static final int MAX_ERROR_BODY = 64 * 1024;
    /** The client's own pool is not the bound: the JCA pool in front of it is (one exchange per managed connection). */
    private static final int MAX_CONNECTIONS = 10_000;
    private static final String MODEL_PLACEHOLDER = "{model}";
    private static final String USER_AGENT = "aigw";
    private static final Duration DRAIN_IDLE = Duration.ofMillis(100);
    private static final Duration DRAIN_TOTAL = Duration.ofMillis(250);
    private static final int MAX_DRAIN = 64 * 1024;
    /**
     * Pooled connections unused this long are closed: after a burst the pool does not keep its peak size for ever,
     * nor sockets the upstream has closed meanwhile (which would sit in CLOSE_WAIT until leased again).
     */
    static final Duration IDLE_LIMIT = Duration.ofSeconds(30);
    /** The client's own default: a check costs up to 1 ms (a read with a 1 ms timeout on a live connection). */
    private static final TimeValue VALIDATE_AFTER_IDLE = TimeValue.ofSeconds(2);
    private static final Duration IDLE_SWEEP = Duration.ofSeconds(10);
    private static final Duration SOCKET_TIMEOUT_MARGIN = Duration.ofMinutes(1);

    private final ProviderSettings settings;
    private final ReadWatchdog watchdog;
    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient client;
    private final TimerTask idleSweep;
    private final RequestConfig requestConfig;
    private final String baseUrl;

    public UpstreamHttp(ProviderSettings settings, ReadWatchdog watchdog) {
        this.settings = settings;
        this.watchdog = watchdog;
        this.baseUrl = settings.baseUrl().endsWith("/")
                ? settings.baseUrl().substring(0, settings.baseUrl().length() - 1) : settings.baseUrl();
        // the minimal client: one exchange on a pooled connection, none of the general client's exec chain
        // (redirects, retries, cookies, authentication, compression, proxies, URI rewriting), which aigw never wants
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(MAX_CONNECTIONS).setMaxConnPerRoute(MAX_CONNECTIONS)
                .setDefaultSocketConfig(socketConfig(settings))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(settings.connectTimeout().toMillis()))
                        .setValidateAfterInactivity(VALIDATE_AFTER_IDLE)
                        .build())
                .build();
        this.client = client(settings.proxy(), hostOf(baseUrl), connections);
        this.idleSweep = watchdog.every(IDLE_SWEEP, () -> closeIdle(IDLE_LIMIT));
        this.requestConfig = RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.ofMilliseconds(settings.connectTimeout().toMillis()))
                .build();
    }

    private static String hostOf(String url) {
        try {
            return URI.create(url.replace(MODEL_PLACEHOLDER, "m")).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static CloseableHttpClient client(EgressProxy proxy, String upstreamHost,
                                              PoolingHttpClientConnectionManager connections) {
        if (upstreamHost == null || !proxy.appliesTo(upstreamHost)) {
            // the minimal client: one exchange on a pooled connection, none of the general client's exec chain
            return HttpClients.createMinimal(connections);
        }
        org.apache.hc.core5.http.HttpHost via = new org.apache.hc.core5.http.HttpHost("http", proxy.host(),
                proxy.port());
        var builder = HttpClients.custom().setConnectionManager(connections).setProxy(via)
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                .disableContentCompression().disableDefaultUserAgent();
        if (proxy.user() != null) {
            var credentials = new org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider();
            credentials.setCredentials(new org.apache.hc.client5.http.auth.AuthScope(via),
                    new org.apache.hc.client5.http.auth.UsernamePasswordCredentials(proxy.user(),
                            proxy.password().toCharArray()));
            builder.setDefaultCredentialsProvider(credentials);
        }
        return builder.build();
    }

    /**
     * The sockets' configuration: no Nagle delay, and a read timeout as a backstop behind the watchdog (which enforces
     * the configured timeouts), just past the longest wait the watchdog allows between two reads. The client's
     * default, 3 minutes, cut off response-header timeouts configured longer, e.g. for a local server loading a model.
     */
    static SocketConfig socketConfig(ProviderSettings settings) {
        Duration longest = settings.responseTimeout().compareTo(settings.idleTimeout()) > 0
                ? settings.responseTimeout() : settings.idleTimeout();
        return SocketConfig.custom().setTcpNoDelay(true)
                .setSoTimeout(Timeout.ofMilliseconds(longest.plus(SOCKET_TIMEOUT_MARGIN).toMillis())).build();
    }

    /** A request to {@code baseUrl + path} with the configured extra headers. */
    public UpstreamRequest.Builder request(String path) {
        return request(path, null);
    }

    /**
     * A request to {@code baseUrl + path}, {@code {model}} in the base URL replaced by the model (Azure OpenAI
     * deployment URLs), the dialect's query parameters appended, with the configured extra headers (timeouts are
     * the watchdog's, in {@link #send}).
     *
     * @param model the request's model, or {@code null} for calls that are not about one model
     */
    public UpstreamRequest.Builder request(String path, String model) {
        String base = baseUrl;
        if (model != null && base.contains(MODEL_PLACEHOLDER)) {
            base = base.replace(MODEL_PLACEHOLDER, URLEncoder.encode(model, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        String query = settings.dialect().queryParameters();
        String url = base + path + (query.isEmpty() ? "" : (path.contains("?") ? "&" : "?") + query);
        UpstreamRequest.Builder b = UpstreamRequest.to(URI.create(url));
        settings.headers().forEach(b::header);
        String traceParent = io.aigw.jca.api.UpstreamTraceContext.traceParent();
        if (traceParent != null) {
            b.header("traceparent", traceParent);
            String traceState = io.aigw.jca.api.UpstreamTraceContext.traceState();
            if (traceState != null) {
                b.header("tracestate", traceState);
            }
        }
        return b;
    }

    /** Whether the base URL names one model ({@code {model}}), so that listing the upstream's models is not possible. */
    public boolean perModelBaseUrl() {
        return baseUrl.contains(MODEL_PLACEHOLDER);
    }

    /**
     * Adds the API key in the dialect's header, or {@code defaultHeader}; {@code Authorization} gets the
     * {@code Bearer} scheme, any other header the bare key. Nothing when there is no credential.
     */
    public UpstreamRequest.Builder withApiKey(UpstreamRequest.Builder b, UpstreamCredential credential, String defaultHeader) {
        if (credential != null) {
            String header = settings.dialect().apiKeyHeader().isEmpty() ? defaultHeader : settings.dialect().apiKeyHeader();
            b.header(header, "authorization".equalsIgnoreCase(header) ? "Bearer " + credential.secret()
                    : credential.secret());
        }
        return b;
    }

    /**
     * Sends and returns once the status and headers are in; the body is left unread. Blocking, in the calling thread:
     * no hand-over to a selector thread and back (which cost the JDK client about 0.2 ms per exchange here). The
     * response-header timeout is the watchdog's: it aborts the exchange when the headers are late.
     */
    public UpstreamResponse send(UpstreamRequest request) throws ProviderException {
        HttpUriRequestBase sent = BlockingExchange.request(request);
        sent.setConfig(requestConfig);
        if (!sent.containsHeader(HttpHeaders.USER_AGENT)) {
            sent.setHeader(HttpHeaders.USER_AGENT, USER_AGENT);
        }
        ReadWatchdog.Watch headers = watchdog.watch(sent::cancel, settings.responseTimeout(),
                settings.responseTimeout());
        try {
            return BlockingExchange.response(sent, client.execute(sent));
        } catch (ConnectTimeoutException e) {
            throw UpstreamFailures.ofTransport(settings.connectionName(),
                    new HttpConnectTimeoutException("connect timed out"), null);
        } catch (IOException e) {
            IOException cause = headers.expired() != null ? new HttpTimeoutException("response headers timed out") : e;
            throw UpstreamFailures.ofTransport(settings.connectionName(), cause, null);
        } finally {
            headers.close();
        }
    }

    /** Closes pooled connections unused for longer than {@code limit}. */
    void closeIdle(Duration limit) {
        connections.closeExpired();
        connections.closeIdle(TimeValue.ofMilliseconds(limit.toMillis()));
    }

    /** The connection pool (for tests). */
    PoolingHttpClientConnectionManager connections() {
        return connections;
    }

    /** Closes the pooled connections. */
    public void close() {
        idleSweep.cancel();
        try {
            client.close();
        } catch (IOException e) {
            // closing sockets: nothing left to do
        }
    }

    /** Watches a response body for the idle timeout and what is left of the total timeout since {@code startNanos}. */
    public ReadWatchdog.Watch watch(InputStream body, long startNanos) {
        Duration left = settings.totalTimeout().minusNanos(System.nanoTime() - startNanos);
        return watchdog.watch(body, settings.idleTimeout(), left.isNegative() ? Duration.ZERO : left);
    }

    /**
     * Reads what is left of a stream after the protocol's end marker, so that the HTTP connection goes back to the
     * client's pool instead of being closed (the end of a chunked body follows the marker at once). A body that does
     * not end within a brief wait is closed, and with it that one connection.
     */
    public void drain(InputStream body) {
        try (ReadWatchdog.Watch watch = watchdog.watch(body, DRAIN_IDLE, DRAIN_TOTAL)) {
            byte[] buf = new byte[8192];
            long total = 0;
            int n;
            while (total < MAX_DRAIN && (n = body.read(buf)) != -1) {
                watch.touch();
                total += n;
            }
        } catch (IOException e) {
            // the connection is closed instead of reused
        }
    }

    /** Reads a whole (non-streamed) body under the watchdog; a body the watchdog closed is a timeout. */
    public String readBody(UpstreamResponse response, long startNanos) throws ProviderException {
        InputStream in = response.body();
        try (in; ReadWatchdog.Watch watch = watch(in, startNanos)) {
            String body;
            try {
                body = readAll(in, MAX_BODY, watch);
            } catch (IOException e) {
                throw transportFailure(e, watch);
            }
            if (watch.expired() != null) {
                throw transportFailure(new IOException("body timed out"), watch);
            }
            return body;
        } catch (IOException e) {
            throw UpstreamFailures.ofTransport(settings.connectionName(), e, null);
        }
    }

    /** The exception for a non-success response; reads a bounded part of its body to classify it. */
    public ProviderException failure(UpstreamResponse response) {
        return UpstreamFailures.ofStatus(settings.connectionName(), response.statusCode(), response.headers(),
                errorBody(response));
    }

    /**
     * A bounded part of a non-success response's body, for protocols that classify errors further; empty when it
     * cannot be read. Consumes and closes the body.
     */
    public String errorBody(UpstreamResponse response) {
        try (InputStream in = response.body(); ReadWatchdog.Watch watch = watch(in, System.nanoTime())) {
            return readAll(in, MAX_ERROR_BODY, watch);
        } catch (IOException e) {
            return "";
        }
    }

    /** Maps an I/O failure during a body read, telling a watchdog expiry from a broken connection. */
    public ProviderException transportFailure(IOException e, ReadWatchdog.Watch watch) {
        return UpstreamFailures.ofTransport(settings.connectionName(), e, watch == null ? null : watch.expired());
    }

    private static String readAll(InputStream in, int limit, ReadWatchdog.Watch watch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) != -1) {
            watch.touch();
            out.write(buf, 0, n);
            if (out.size() > limit) {
                throw new IOException("response body larger than " + limit + " bytes");
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
