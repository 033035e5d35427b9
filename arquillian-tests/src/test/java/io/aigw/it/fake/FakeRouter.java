package io.aigw.it.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * The shape every fake's single {@link HttpHandler} shares: read and {@link FakeServer#record record} the request,
 * let the subclass {@link #serve check and route} it, have the subclass turn any {@link RuntimeException} (its
 * provider's error type, or a bug in the fake) into that provider's error reply, and close the exchange, except
 * after an {@link AbruptDisconnect}, which is rethrown so that the JDK server drops the connection without ending
 * the chunked body. An {@link IOException} means the client closed its side or the server is stopping: nothing is
 * left to tell it.
 */
abstract class FakeRouter implements HttpHandler {

    private final FakeServer server;

    FakeRouter(FakeServer server) {
        this.server = server;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        boolean dropConnection = false;
        try {
            RecordedRequest request = RecordedRequest.read(exchange);
            server.record(request);
            try {
                serve(exchange, request);
            } catch (RuntimeException failure) {
                fail(exchange, failure);
            }
        } catch (AbruptDisconnect disconnect) {
            // Rethrown on purpose: the JDK server then closes the socket without ending the chunked body.
            dropConnection = true;
            throw disconnect;
        } catch (IOException clientGone) {
            // The client closed its side or the server is stopping; nothing left to tell it.
        } finally {
            if (!dropConnection) {
                exchange.close();
            }
        }
    }

    /**
     * Checks the request's credentials and headers, routes it by path and method and answers it.
     *
     * @param exchange the exchange, its request body already read into {@code request}
     * @param request  the recorded request
     * @throws IOException if the client is gone, or {@link AbruptDisconnect} to drop the connection
     */
    abstract void serve(HttpExchange exchange, RecordedRequest request) throws IOException;

    /**
     * Answers a request whose {@link #serve} threw: the provider's error reply for its own error type, a
     * server error for anything else.
     *
     * @param exchange the exchange, no response sent yet
     * @param failure  what {@link #serve} threw
     * @throws IOException if the client is gone
     */
    abstract void fail(HttpExchange exchange, RuntimeException failure) throws IOException;
}
