package io.aigw.jca.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SseEventReaderTest {

    /** Hands out 1, 2, 3, 1, 2, 3, ... bytes per read, as a slow network would. */
    private static final class TrickleInputStream extends InputStream {
        private final byte[] data;
        private int pos;
        private int step;

        TrickleInputStream(String text) {
            this.data = text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, step++ % 3 + 1), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return 0;
        }
    }

    private static List<String> readAll(InputStream in) throws IOException {
        SseEventReader reader = new SseEventReader(in);
        List<String> events = new ArrayList<>();
        String data;
        while ((data = reader.next()) != null) {
            events.add(data);
        }
        return events;
    }

    private static final String STREAM = ": keep-alive comment\n"
            + "event: message\n"
            + "data: {\"a\":1}\n"
            + "\n"
            + "id: 7\n"
            + "data: line one\n"
            + "data: line two\n"
            + "data:\n"
            + "data:  two spaces\n"
            + "\n"
            + "retry: 1000\n"
            + "\n"
            + "data:nospace\n"
            + "\n"
            + "data: h\u00e9llo \u20ac \ud83d\ude00\n"
            + "\n"
            + "data: [DONE]\n"
            + "\n";

    private static final List<String> EXPECTED = List.of("{\"a\":1}", "line one\nline two\n\n two spaces", "nospace",
            "h\u00e9llo \u20ac \ud83d\ude00", "[DONE]");

    @Test
    void readsEventsSplitAcrossArbitraryReadBoundaries() throws IOException {
        assertThat(readAll(new TrickleInputStream(STREAM))).isEqualTo(EXPECTED);
    }

    @Test
    void readsTheSameEventsInOneRead() throws IOException {
        assertThat(readAll(new ByteArrayInputStream(STREAM.getBytes(StandardCharsets.UTF_8)))).isEqualTo(EXPECTED);
    }

    @Test
    void acceptsCrLfLineEndings() throws IOException {
        String crlf = STREAM.replace("\n", "\r\n");

        assertThat(readAll(new TrickleInputStream(crlf))).isEqualTo(EXPECTED);
    }

    @Test
    void acceptsBareCrLineEndingsAndMixedEndings() throws IOException {
        assertThat(readAll(new TrickleInputStream(STREAM.replace("\n", "\r")))).isEqualTo(EXPECTED);
        assertThat(readAll(new TrickleInputStream("data: a\r\n\rdata: b\n\r\ndata: c\r\r"))).containsExactly("a", "b", "c");
    }

    @Test
    void aCrLfSplitAcrossTwoReadsIsOneLineEnd() throws IOException {
        InputStream in = new InputStream() {
            private final String[] parts = {"data: x\r", "\n\r", "\ndata: y\r", "\n", "\r\n"};
            private int next;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (next == parts.length) {
                    return -1;
                }
                byte[] part = parts[next++].getBytes(StandardCharsets.UTF_8);
                System.arraycopy(part, 0, b, off, part.length);
                return part.length;
            }
        };

        assertThat(readAll(in)).containsExactly("x", "y");
    }

    @Test
    void readsLinesLongerThanItsBuffer() throws IOException {
        String big = "x".repeat(100_000) + "\u00e9";

        assertThat(readAll(new ByteArrayInputStream(("data: " + big + "\n\n").getBytes(StandardCharsets.UTF_8))))
                .containsExactly(big);
    }

    @Test
    void doesNotReturnAnEventCutOffByTheEndOfTheStream() throws IOException {
        SseEventReader reader = new SseEventReader(new TrickleInputStream("data: complete\n\ndata: cut\ndata: off\n"));

        assertThat(reader.next()).isEqualTo("complete");
        assertThat(reader.next()).isNull();
    }

    @Test
    void doesNotReturnAnEventWithoutTrailingNewline() throws IOException {
        assertThat(readAll(new TrickleInputStream("data: a\n\ndata: b"))).containsExactly("a");
    }

    @Test
    void anEmptyStreamHasNoEvents() throws IOException {
        assertThat(new SseEventReader(new ByteArrayInputStream(new byte[0])).next()).isNull();
        assertThat(readAll(new TrickleInputStream(": only a comment\n\n\n"))).isEmpty();
    }

    @Test
    void returnsAnEventAsSoonAsItsBlankLineHasArrived() throws Exception {
        ExecutorService readerThread = Executors.newSingleThreadExecutor();
        try (PipedOutputStream out = new PipedOutputStream();
             PipedInputStream in = new PipedInputStream(out, 1 << 16)) {
            SseEventReader reader = new SseEventReader(in);
            // the reader thread stays alive for the whole test (the pipe checks both ends are alive)
            Future<String> first = readerThread.submit(reader::next);

            out.write("data: one\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("one");

            Future<String> second = readerThread.submit(reader::next);
            out.write("data: two\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            out.write("\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("two");

            Future<String> end = readerThread.submit(reader::next);
            out.close();
            assertThat(end.get(5, TimeUnit.SECONDS)).isNull();
        } finally {
            readerThread.shutdownNow();
            assertThat(readerThread.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
