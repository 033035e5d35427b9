package io.aigw.jca.provider.http;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * Translates between the request and response types the provider sessions use ({@code java.net.http}) and the
 * blocking client that carries them: a request's method, URI, headers and body become a classic request; the answer
 * becomes an {@link HttpResponse} whose body streams from the socket in the calling thread. Closing that body before
 * its end aborts the exchange (the connection is dropped, never drained by a watchdog thread); a body read to its end
 * gives the connection back to the pool.
 */
final class BlockingExchange {

    /** Headers the client sets itself from the URI and the body. */
    private static final Set<String> MANAGED = Set.of("content-length", "host", "connection", "transfer-encoding",
            "expect", "upgrade");

    private BlockingExchange() {
    }

    static HttpUriRequestBase request(HttpRequest request) throws IOException {
        HttpUriRequestBase out = new HttpUriRequestBase(request.method(), request.uri());
        request.headers().map().forEach((name, values) -> {
            if (!MANAGED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> out.addHeader(name, v));
            }
        });
        byte[] body = body(request);
        if (body != null) {
            out.setEntity(new ByteArrayEntity(body, null));
        }
        return out;
    }

    /** The body a publisher made with {@code BodyPublishers.ofString/ofByteArray} holds, or {@code null}. */
    private static byte[] body(HttpRequest request) throws IOException {
        Optional<HttpRequest.BodyPublisher> publisher = request.bodyPublisher();
        if (publisher.isEmpty() || publisher.get().contentLength() == 0) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        publisher.get().subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the request body", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the request body could not be read", e);
        }
        return bytes.toByteArray();
    }

    static HttpResponse<InputStream> response(HttpRequest request, HttpUriRequestBase sent,
                                              CloseableHttpResponse answer) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header h : answer.getHeaders()) {
            headers.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue());
        }
        HttpEntity entity = answer.getEntity();
        InputStream content = entity == null ? InputStream.nullInputStream() : entity.getContent();
        return new Response(request, answer.getCode(), HttpHeaders.of(headers, (a, b) -> true),
                new Body(content, sent, answer));
    }

    /** A body whose close aborts an unfinished exchange instead of reading the rest. */
    private static final class Body extends FilterInputStream {
        private final HttpUriRequestBase sent;
        private final CloseableHttpResponse answer;
        private volatile boolean ended;
        private volatile boolean closed;

        Body(InputStream in, HttpUriRequestBase sent, CloseableHttpResponse answer) {
            super(in);
            this.sent = sent;
            this.answer = answer;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            ended |= n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (!ended) {
                sent.cancel();
            }
            answer.close();
        }
    }

    /** The answer as the sessions read it. */
    private record Response(HttpRequest request, int statusCode, HttpHeaders headers, InputStream body)
            implements HttpResponse<InputStream> {

        @Override
        public Optional<HttpResponse<InputStream>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
