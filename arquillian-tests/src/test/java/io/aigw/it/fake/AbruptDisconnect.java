package io.aigw.it.fake;

import java.io.IOException;

/**
 * Thrown out of the HTTP handler on purpose to make the JDK server drop the TCP connection without
 * completing the response.
 *
 * <p>{@code com.sun.net.httpserver} closes the connection when a handler throws, without writing the
 * terminating zero-length chunk of a chunked body (which {@code exchange.close()} would write): the TCP
 * connection gets a FIN in the middle of the chunked body. A client reading the stream therefore sees a
 * premature end of the body, never {@code [DONE]}. Observed with {@code java.net.http.HttpClient} on JDK 17:
 * a line/Flow subscriber ({@code BodyHandlers.fromLineSubscriber}) gets every event sent before the drop,
 * then {@code onError(IOException: "chunked transfer encoding, state: READING_LENGTH")}; {@code ofString()}
 * fails with that IOException; {@code ofInputStream()} throws {@code IOException("closed")} from
 * {@code read()} — and discards data it had buffered but not yet handed out, which is why
 * {@code fault-reset-midstream} waits 300 ms before dropping. curl reports error 18 ("transfer closed with
 * outstanding read data remaining").
 */
final class AbruptDisconnect extends IOException {

    private static final long serialVersionUID = 1L;

    AbruptDisconnect(String reason) {
        super(reason);
    }
}
