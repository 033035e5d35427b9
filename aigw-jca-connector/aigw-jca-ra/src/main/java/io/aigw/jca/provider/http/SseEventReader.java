package io.aigw.jca.provider.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events from a byte stream as they arrive: returns each event's {@code data} (multi-line data
 * joined with newlines) as soon as its terminating blank line has been read. Comments and other fields are skipped.
 */
public final class SseEventReader {

    private static final int MAX_LINE = 4 * 1024 * 1024;

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);

    public SseEventReader(InputStream in) {
        this.in = new BufferedInputStream(in, 8192);
    }

    /**
     * The next event's data, or {@code null} at the end of the stream. An event cut off by the end of the stream
     * (no terminating blank line) is not returned, as the SSE specification says.
     */
    public String next() throws IOException {
        StringBuilder data = null;
        while (true) {
            String l = readLine();
            if (l == null) {
                return null;
            }
            if (l.isEmpty()) {
                if (data != null) {
                    return data.toString();
                }
                continue;
            }
            if (l.startsWith("data:")) {
                String value = l.length() > 5 && l.charAt(5) == ' ' ? l.substring(6) : l.substring(5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
    }

    private String readLine() throws IOException {
        line.reset();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return trimCr();
            }
            line.write(b);
            if (line.size() > MAX_LINE) {
                throw new IOException("SSE line longer than " + MAX_LINE + " bytes");
            }
        }
        return line.size() == 0 ? null : trimCr();
    }

    private String trimCr() {
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
