package io.aigw.web.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * Streams are written straight to the servlet response and are complete when the resource method returns; this
 * filter keeps JAX-RS from then setting a status or headers on the committed response (which the web container would
 * log as a warning for every stream).
 */
@WebFilter(urlPatterns = "/v1/*")
public class StreamedResponses extends HttpFilter {
    private static final long serialVersionUID = 1L;

    private static final String STREAMED = StreamedResponses.class.getName() + ".streamed";

    /** Marks the request's response as streamed: from now on its status and headers are final. */
    public static void markStreamed(HttpServletRequest request) {
        request.setAttribute(STREAMED, Boolean.TRUE);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, new Guarded(request, response));
    }

    private static final class Guarded extends HttpServletResponseWrapper {
        private final HttpServletRequest request;

        Guarded(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        private boolean streamed() {
            return request.getAttribute(STREAMED) != null;
        }

        @Override
        public void setStatus(int sc) {
            if (!streamed()) {
                super.setStatus(sc);
            }
        }

        @Override
        public void setHeader(String name, String value) {
            if (!streamed()) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!streamed()) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setContentType(String type) {
            if (!streamed()) {
                super.setContentType(type);
            }
        }

        @Override
        public void setContentLength(int len) {
            if (!streamed()) {
                super.setContentLength(len);
            }
        }

        @Override
        public void setContentLengthLong(long len) {
            if (!streamed()) {
                super.setContentLengthLong(len);
            }
        }
    }
}
