package io.aigw.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    /** A body that must not be touched. */
    private static final class UnreadableStream extends InputStream {
        @Override
        public int read() {
            throw new AssertionError("the body was read");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            throw new AssertionError("the body was read");
        }
    }

    /** An endless chunked body that hands out {@code perRead} bytes per read and counts what it handed out. */
    private static final class EndlessStream extends InputStream {
        private final int perRead;
        long handedOut;

        EndlessStream(int perRead) {
            this.perRead = perRead;
        }

        @Override
        public int read() {
            handedOut++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = Math.min(len, perRead);
            Arrays.fill(b, off, off + n, (byte) 'x');
            handedOut += n;
            return n;
        }
    }

    private static GatewayException failure(InputStream in, long declared, long limit) {
        GatewayException e = catchThrowableOfType(() -> BoundedBody.read(in, declared, limit), GatewayException.class);
        assertThat(e).isNotNull();
        return e;
    }

    @Test
    void aDeclaredLengthOverTheLimitFailsBeforeReading() {
        GatewayException e = failure(new UnreadableStream(), 1001, 1000);

        assertThat(e.problem()).isEqualTo(Problem.PAYLOAD_TOO_LARGE);
        assertThat(e.getMessage()).contains("1000");
    }

    @Test
    void aChunkedBodyOverTheLimitFailsAsSoonAsItPassesIt() {
        EndlessStream body = new EndlessStream(100);

        GatewayException e = failure(body, -1, 1000);

        assertThat(e.problem()).isEqualTo(Problem.PAYLOAD_TOO_LARGE);
        // the read that crossed the limit was the last one
        assertThat(body.handedOut).isEqualTo(1100);
    }

    @Test
    void aBodyLongerThanItsDeclaredLengthIsStillBounded() {
        EndlessStream body = new EndlessStream(64);

        GatewayException e = failure(body, 10, 1000);

        assertThat(e.problem()).isEqualTo(Problem.PAYLOAD_TOO_LARGE);
        assertThat(body.handedOut).isLessThanOrEqualTo(1000 + 64);
    }

    @Test
    void aBodyExactlyAtTheLimitPasses() {
        byte[] data = new byte[1000];
        Arrays.fill(data, (byte) 'y');

        assertThat(BoundedBody.read(new ByteArrayInputStream(data), -1, 1000)).isEqualTo(data);
        assertThat(BoundedBody.read(new ByteArrayInputStream(data), 1000, 1000)).isEqualTo(data);
    }

    @Test
    void aBodyOneByteOverTheLimitFails() {
        GatewayException e = failure(new ByteArrayInputStream(new byte[1001]), -1, 1000);

        assertThat(e.problem()).isEqualTo(Problem.PAYLOAD_TOO_LARGE);
    }

    @Test
    void anEmptyBodyIsAnInvalidRequest() {
        assertThat(failure(new ByteArrayInputStream(new byte[0]), -1, 1000).problem())
                .isEqualTo(Problem.INVALID_REQUEST);
        assertThat(failure(new ByteArrayInputStream(new byte[0]), 0, 1000).problem())
                .isEqualTo(Problem.INVALID_REQUEST);
    }

    @Test
    void aBrokenBodyIsAnInvalidRequest() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset by peer");
            }
        };

        GatewayException e = failure(broken, -1, 1000);

        assertThat(e.problem()).isEqualTo(Problem.INVALID_REQUEST);
        assertThat(e.getMessage()).doesNotContain("connection reset");
    }

    @Test
    void returnsTheBytesAsSent() {
        byte[] json = "{\"model\":\"m\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(BoundedBody.read(new ByteArrayInputStream(json), json.length, 1 << 20)).isEqualTo(json);
    }
}
