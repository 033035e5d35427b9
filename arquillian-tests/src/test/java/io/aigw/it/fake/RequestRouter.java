package io.aigw.it.fake;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;

/**
 * The single {@link FakeRouter} of the fake OpenAI server: stamps the start time for
 * {@code openai-processing-ms}, checks the bearer key, routes by path and method, and turns {@link OpenAiError}s
 * into OpenAI error replies.
 */
final class RequestRouter extends FakeRouter {

    @FunctionalInterface
    private interface Endpoint {
        void serve(HttpExchange exchange, RecordedRequest request) throws IOException;
    }

    private final ChatCompletionHandler chat;
    private final EmbeddingsHandler embeddings = new EmbeddingsHandler();
    private final ModelsHandler models = new ModelsHandler();

    RequestRouter(FakeOpenAiServer server) {
        super(server);
        this.chat = new ChatCompletionHandler(server);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        exchange.setAttribute(HttpReplies.STARTED_AT, System.nanoTime());
        super.handle(exchange);
    }

    @Override
    void serve(HttpExchange exchange, RecordedRequest request) throws IOException {
        authenticate(request);
        route(request).serve(exchange, request);
    }

    @Override
    void fail(HttpExchange exchange, RuntimeException failure) throws IOException {
        if (failure instanceof OpenAiError error) {
            HttpReplies.json(exchange, error.status(), error.body(), error.headers());
        } else {
            OpenAiError error = OpenAiError.serverError();
            HttpReplies.json(exchange, error.status(), error.body(), Map.of());
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
