package io.aigw.web.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A server-sent-event response written straight to the servlet response: committed (headers flushed) before the
 * first event, each event written and flushed as it is produced, never buffered.
 */
public final class SseStream {

    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEWLINE = "\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final String requestId;
    private ServletOutputStream out;

    public SseStream(HttpServletRequest request, HttpServletResponse response, String requestId) {
        this.request = request;
        this.response = response;
        this.requestId = requestId;
    }

    /** Commits the response: status 200 and the event-stream headers, flushed. */
    public void open() throws IOException {
        response.setStatus(200);
        response.setContentType("text/event-stream;charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        response.setHeader("x-request-id", requestId);
        response.setHeader("request-id", requestId);
        AnswerHeaders.addTo(request, response::setHeader);
        out = response.getOutputStream();
        response.flushBuffer();
        StreamedResponses.markStreamed(request);
    }

    /** Writes one event ({@code name} may be {@code null} for data-only events); call {@link #flush()} after. */
    public void event(String name, String data) throws IOException {
        if (name != null) {
            out.write(EVENT);
            out.write(name.getBytes(StandardCharsets.UTF_8));
            out.write(NEWLINE);
        }
        out.write(DATA);
        out.write(data.getBytes(StandardCharsets.UTF_8));
        out.write(NEWLINE);
        out.write(NEWLINE);
    }

    public void flush() throws IOException {
        out.flush();
    }
}
