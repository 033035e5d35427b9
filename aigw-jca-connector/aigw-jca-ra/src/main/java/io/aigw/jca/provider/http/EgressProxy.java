package io.aigw.jca.provider.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * An HTTP proxy a connection reaches the internet through (its {@code proxyUrl}, {@code http://[user:password@]host:port}),
 * and the hosts it goes to directly (its {@code noProxy}: host names, domain suffixes such as {@code .corp.example} or
 * {@code corp.example} for the domain and its subdomains, IP literals, or {@code *}). HTTPS goes through the proxy
 * with {@code CONNECT}, so TLS still runs end to end. The proxy's password never appears in {@link #toString()}.
 */
public final class EgressProxy {

    /** No proxy: every host is reached directly. */
    public static final EgressProxy NONE = new EgressProxy(null, -1, null, null, List.of());

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final List<String> noProxy;

    private EgressProxy(String host, int port, String user, String password, List<String> noProxy) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.noProxy = noProxy;
    }

    /**
     * The proxy of a {@code proxyUrl} and {@code noProxy} configuration; {@link #NONE} for an empty URL.
     *
     * @throws IllegalArgumentException if the URL is not {@code http://host:port}
     */
    public static EgressProxy of(String proxyUrl, String noProxy) {
        if (proxyUrl == null || proxyUrl.isBlank()) {
            return NONE;
        }
        URI uri;
        try {
            uri = new URI(proxyUrl.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("proxyUrl is not a valid URL");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("proxyUrl must be http://[user:password@]host:port");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        List<String> bypass = noProxy == null ? List.of() : Arrays.stream(noProxy.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        return new EgressProxy(host, uri.getPort() > 0 ? uri.getPort() : 80, user, password, bypass);
    }

    /** Whether requests to {@code targetHost} go through the proxy. */
    public boolean appliesTo(String targetHost) {
        if (host == null) {
            return false;
        }
        String h = targetHost.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        for (String entry : noProxy) {
            if (entry.equals("*") || h.equals(entry)) {
                return false;
            }
            String suffix = entry.startsWith(".") ? entry : "." + entry;
            if (h.endsWith(suffix)) {
                return false;
            }
        }
        return true;
    }

    public boolean configured() {
        return host != null;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    /** The proxy password ({@code null} without credentials): for the HTTP client's credentials only. */
    String password() {
        return password;
    }

    /** The {@code Proxy-Authorization} value (Basic), or {@code null} without credentials. */
    String authorization() {
        if (user == null) {
            return null;
        }
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return host == null ? "no proxy" : "http://" + (user == null ? "" : user + ":***@") + host + ":" + port
                + (noProxy.isEmpty() ? "" : " (not for " + String.join(",", noProxy) + ")");
    }
}
