package io.aigw.it.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;

/**
 * The single {@link HttpHandler} of the fake: records the request, checks the bearer key, routes by path
 * and method, and turns {@link OpenAiError}s into OpenAI error replies.
 */
final class RequestRouter implements HttpHandler {

    @FunctionalInterface
    private interface Endpoint {
        void serve(HttpExchange exchange, RecordedRequest request) throws IOException;
    }

    private final FakeOpenAiServer server;
    private final ChatCompletionHandler chat;
    private final EmbeddingsHandler embeddings = new EmbeddingsHandler();
    private final ModelsHandler models = new ModelsHandler();

    RequestRouter(FakeOpenAiServer server) {
        this.server = server;
        this.chat = new ChatCompletionHandler(server);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        exchange.setAttribute(HttpReplies.STARTED_AT, System.nanoTime());
        boolean dropConnection = false;
        try {
            RecordedRequest request = RecordedRequest.read(exchange);
            server.record(request);
            try {
                authenticate(request);
                route(request).serve(exchange, request);
            } catch (OpenAiError error) {
                HttpReplies.json(exchange, error.status(), error.body(), error.headers());
            } catch (RuntimeException bug) {
                OpenAiError error = OpenAiError.serverError();
                HttpReplies.json(exchange, error.status(), error.body(), Map.of());
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

    private static void authenticate(RecordedRequest request) {
        String authorization = request.header("Authorization").orElse("");
        if (!authorization.equals("Bearer " + FakeOpenAiServer.UPSTREAM_KEY)) {
            throw OpenAiError.invalidApiKey();
        }
    }

    private Endpoint route(RecordedRequest request) {
        String path = request.path();
        if (path.equals(ChatCompletionHandler.PATH)) {
            return only("POST", request, chat::handle);
        }
        if (path.equals(EmbeddingsHandler.PATH)) {
            return only("POST", request, embeddings::handle);
        }
        if (path.equals(ModelsHandler.PATH)) {
            return only("GET", request, models::list);
        }
        if (path.startsWith(ModelsHandler.PATH + "/") && path.length() > ModelsHandler.PATH.length() + 1) {
            return only("GET", request, models::one);
        }
        throw OpenAiError.invalidUrl(request.method(), path);
    }

    private static Endpoint only(String method, RecordedRequest request, Endpoint endpoint) {
        if (!method.equals(request.method())) {
            throw OpenAiError.methodNotAllowed(request.method(), request.path(), method);
        }
        return endpoint;
    }
}
