package io.aigw.jca.provider.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityTemplate;

/**
 * Carries an {@link UpstreamRequest} over the blocking client and makes the answer an {@link UpstreamResponse} whose
 * body streams from the socket in the calling thread. Closing that body before its end aborts the exchange (the
 * connection is dropped, never drained by a watchdog thread); a body read to its end gives the connection back to
 * the pool.
 */
final class BlockingExchange {

    /** Headers the client sets itself from the URI and the body. */
    private static final Set<String> MANAGED = Set.of("content-length", "host", "connection", "transfer-encoding",
            "expect", "upgrade");

    private BlockingExchange() {
    }

    static HttpUriRequestBase request(UpstreamRequest request) {
        HttpUriRequestBase out = new HttpUriRequestBase(request.method(), request.uri());
        for (String[] h : request.headers()) {
            if (!MANAGED.contains(h[0].toLowerCase(Locale.ROOT))) {
                out.addHeader(h[0], h[1]);
            }
        }
        UpstreamBody body = request.entity();
        if (body != null && body.length() > 0) {
            // written onto the connection when it is sent (a JSON document serialised there), with its length
            out.setEntity(new EntityTemplate(body.length(), null, null, body::writeTo));
        }
        return out;
    }

    static UpstreamResponse response(HttpUriRequestBase sent, CloseableHttpResponse answer) throws IOException {
        Header[] received = answer.getHeaders();
        List<String[]> headers = new ArrayList<>(received.length);
        for (Header h : received) {
            headers.add(new String[] {h.getName(), h.getValue()});
        }
        HttpEntity entity = answer.getEntity();
        InputStream content = entity == null ? InputStream.nullInputStream() : entity.getContent();
        return new UpstreamResponse(answer.getCode(), headers, new Body(content, sent, answer));
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
}
