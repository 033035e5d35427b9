package io.aigw.it.durability;

import io.aigw.it.fake.FakeOpenAiServer;
import io.aigw.it.fake.StreamGate;
import io.aigw.it.support.Gateway;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A streamed chat completion that has delivered its first content chunk to the client and is held open: the fake
 * upstream waits at the {@link StreamGate} named by the request's {@code user} ({@code fake-gated-stream}).
 */
final class HeldStream implements AutoCloseable {

    private static final Duration FIRST_CHUNK = Duration.ofSeconds(30);

    private final StreamGate gate;
    private final HttpResponse<Stream<String>> response;

    private HeldStream(StreamGate gate, HttpResponse<Stream<String>> response) {
        this.gate = gate;
        this.response = response;
    }

    /** Opens a stream and returns once its first content chunk ({@code "Hello "}) has reached this client. */
    static HeldStream open(Gateway gateway, String adminKey, FakeOpenAiServer upstream) throws Exception {
        String gateId = "held-" + UUID.randomUUID();
        StreamGate gate = upstream.gate(gateId);
        HttpResponse<Stream<String>> response = gateway.stream("/v1/chat/completions", adminKey,
                "{\"model\":\"fake-gated-stream\",\"stream\":true,\"user\":\"" + gateId + "\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        HeldStream held = new HeldStream(gate, response);
        try {
            if (response.statusCode() != 200) {
                throw new AssertionError("stream refused: " + response.statusCode());
            }
            Iterator<String> lines = response.body().iterator();
            boolean first = CompletableFuture.supplyAsync(() -> firstChunk(lines))
                    .get(FIRST_CHUNK.toMillis(), TimeUnit.MILLISECONDS);
            if (!first || !gate.awaitReached(FIRST_CHUNK)) {
                throw new AssertionError("the stream ended before its first content chunk");
            }
            return held;
        } catch (Exception | AssertionError e) {
            held.close();
            throw e;
        }
    }

    private static boolean firstChunk(Iterator<String> lines) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data: ") && line.contains("\"content\":\"Hello \"")) {
                return true;
            }
        }
        return false;
    }

    /** The request id the gateway answered with. */
    String requestId() {
        return Gateway.requestId(response);
    }

    /** Lets the upstream go on and drops this client's end. */
    @Override
    public void close() {
        gate.release();
        response.body().close();
    }
}
