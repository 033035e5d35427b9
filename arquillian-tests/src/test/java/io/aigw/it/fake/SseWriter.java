package io.aigw.it.fake;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes server-sent events as OpenAI does: {@code data: <payload>\n\n}, each flushed on its own so it
 * leaves the server as its own HTTP chunk.
 */
final class SseWriter {

    private final OutputStream out;

    SseWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes one JSON event and flushes it. */
    void event(JsonObject json) throws IOException {
        data(json.toString());
    }

    /** Writes the terminating {@code data: [DONE]} event and flushes it. */
    void done() throws IOException {
        data("[DONE]");
    }

    /** Writes one event with a raw payload (also used for deliberately broken events) and flushes it. */
    void data(String payload) throws IOException {
        out.write(("data: " + payload + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
