package io.aigw.jca.provider.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads server-sent events from a byte stream as they arrive: returns each event's {@code data} (multi-line data
 * joined with newlines) as soon as its terminating blank line has been read. Comments and other fields are skipped.
 */
public final class SseEventReader {

    private static final int MAX_LINE = 4 * 1024 * 1024;

    private final InputStream in;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int limit;
    /** The previous line ended with CR: a LF right after it belongs to the same line end. */
    private boolean skipLf;
    private byte[] line = new byte[512];
    private int lineLength;

    public SseEventReader(InputStream in) {
        this.in = in;
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

    /**
     * One line without its end (CRLF, LF or CR, as the SSE specification allows), scanned in the read buffer rather
     * than byte by byte; {@code null} at the end of the stream. Returns as soon as a line end has arrived.
     */
    private String readLine() throws IOException {
        lineLength = 0;
        while (true) {
            if (pos == limit) {
                int n = in.read(buf, 0, buf.length);
                if (n == -1) {
                    return lineLength == 0 ? null : lineText();
                }
                pos = 0;
                limit = n;
                continue;
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            while (pos < limit) {
                byte b = buf[pos];
                if (b == '\n' || b == '\r') {
                    append(start, pos - start);
                    pos++;
                    skipLf = b == '\r';
                    return lineText();
                }
                pos++;
            }
            append(start, pos - start);
        }
    }

    private void append(int from, int length) throws IOException {
        if (lineLength + length > MAX_LINE) {
            throw new IOException("SSE line longer than " + MAX_LINE + " bytes");
        }
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(buf, from, line, lineLength, length);
        lineLength += length;
    }

    private String lineText() {
        return new String(line, 0, lineLength, StandardCharsets.UTF_8);
    }
}
