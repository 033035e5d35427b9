package io.aigw.jca.provider.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One request to an upstream as the provider sessions build it: method, URI, headers in the order they were added,
 * and the body. Handed to the blocking client as it is (no publisher to drain, no copy).
 */
public final class UpstreamRequest {

    private final String method;
    private final URI uri;
    private final List<String[]> headers;
    private final UpstreamBody body;

    private UpstreamRequest(String method, URI uri, List<String[]> headers, UpstreamBody body) {
        this.method = method;
        this.uri = uri;
        this.headers = headers;
        this.body = body;
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    /** Name and value pairs, in order; a name may repeat. */
    public List<String[]> headers() {
        return headers;
    }

    /** The body, or {@code null} for none. */
    public UpstreamBody entity() {
        return body;
    }

    /** The body's bytes (a copy of a JSON document's serialisation), or {@code null} for none. */
    public byte[] body() {
        return body == null ? null : body.bytes();
    }

    /** A request to {@code uri}; finish it with {@link Builder#get()} or one of the {@code post} methods. */
    public static Builder to(URI uri) {
        return new Builder(uri);
    }

    /** Collects headers, then makes the request. */
    public static final class Builder {
        private final URI uri;
        private final List<String[]> headers = new ArrayList<>(8);

        private Builder(URI uri) {
            this.uri = uri;
        }

        public Builder header(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        public UpstreamRequest get() {
            return new UpstreamRequest("GET", uri, List.copyOf(headers), null);
        }

        public UpstreamRequest post(byte[] body) {
            return new UpstreamRequest("POST", uri, List.copyOf(headers), UpstreamBody.of(body));
        }

        /** POSTs a body as it is (a JSON document is serialised as it is sent). */
        public UpstreamRequest post(UpstreamBody body) {
            return new UpstreamRequest("POST", uri, List.copyOf(headers), body);
        }

        /** POSTs text (JSON) as UTF-8. */
        public UpstreamRequest post(String body) {
            return post(body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
