package io.aigw.it.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * The single {@link HttpHandler} of the fake Anthropic server: records the request, checks {@code x-api-key}
 * and {@code anthropic-version}, routes by path and method, and turns {@link AnthropicError}s into Anthropic
 * error replies.
 */
final class AnthropicRouter implements HttpHandler {

    @FunctionalInterface
    private interface Endpoint {
        void serve(HttpExchange exchange, RecordedRequest request) throws IOException;
    }

    private final FakeAnthropicServer server;
    private final AnthropicMessagesHandler messages;
    private final AnthropicModels models = new AnthropicModels();

    AnthropicRouter(FakeAnthropicServer server) {
        this.server = server;
        this.messages = new AnthropicMessagesHandler(server);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        boolean dropConnection = false;
        try {
            RecordedRequest request = RecordedRequest.read(exchange);
            server.record(request);
            try {
                checkHeaders(request);
                route(request).serve(exchange, request);
            } catch (AnthropicError error) {
                AnthropicHttp.json(exchange, error.status(), error.body(), error.headers());
            } catch (RuntimeException bug) {
                AnthropicError error = AnthropicError.apiError();
                AnthropicHttp.json(exchange, error.status(), error.body(), error.headers());
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

    private static void checkHeaders(RecordedRequest request) {
        if (!request.header("x-api-key").filter(FakeAnthropicServer.UPSTREAM_KEY::equals).isPresent()) {
            throw AnthropicError.invalidApiKey();
        }
        if (request.header("anthropic-version").isEmpty()) {
            throw AnthropicError.missingVersion();
        }
    }

    private Endpoint route(RecordedRequest request) {
        String path = request.path();
        if (path.equals(AnthropicMessagesHandler.PATH)) {
            return only("POST", request, messages::handle);
        }
        if (path.equals(AnthropicModels.PATH)) {
            return only("GET", request, models::list);
        }
        if (path.startsWith(AnthropicModels.PATH + "/") && path.length() > AnthropicModels.PATH.length() + 1) {
            return only("GET", request, models::one);
        }
        throw AnthropicError.notFound("Not Found");
    }

    private static Endpoint only(String method, RecordedRequest request, Endpoint endpoint) {
        if (!method.equals(request.method())) {
            throw AnthropicError.methodNotAllowed(request.method(), request.path(), method);
        }
        return endpoint;
    }
}
