package io.aigw.jca.provider.http;

import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An upstream's answer once its status line and headers are in: the body streams from the socket in the calling
 * thread. The headers are indexed only when asked for (error handling, request ids), not on every stream.
 */
public final class UpstreamResponse {

    private final int statusCode;
    private final List<String[]> rawHeaders;
    private final InputStream body;
    private HttpHeaders headers;

    UpstreamResponse(int statusCode, List<String[]> rawHeaders, InputStream body) {
        this.statusCode = statusCode;
        this.rawHeaders = rawHeaders;
        this.body = body;
    }

    public int statusCode() {
        return statusCode;
    }

    /** The response headers, names case-insensitive. */
    public HttpHeaders headers() {
        if (headers == null) {
            Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String[] h : rawHeaders) {
                map.computeIfAbsent(h[0], k -> new ArrayList<>()).add(h[1]);
            }
            headers = HttpHeaders.of(map, (name, value) -> true);
        }
        return headers;
    }

    /** The body; closing it before its end aborts the exchange, reading it to its end frees the connection. */
    public InputStream body() {
        return body;
    }
}
