package io.aigw.it.fake;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * The single {@link FakeRouter} of the fake Anthropic server: checks {@code x-api-key}
 * and {@code anthropic-version}, routes by path and method, and turns {@link AnthropicError}s into Anthropic
 * error replies.
 */
final class AnthropicRouter extends FakeRouter {

    @FunctionalInterface
    private interface Endpoint {
        void serve(HttpExchange exchange, RecordedRequest request) throws IOException;
    }

    private final AnthropicMessagesHandler messages;
    private final AnthropicModels models = new AnthropicModels();

    AnthropicRouter(FakeAnthropicServer server) {
        super(server);
        this.messages = new AnthropicMessagesHandler(server);
    }

    @Override
    void serve(HttpExchange exchange, RecordedRequest request) throws IOException {
        checkHeaders(request);
        route(request).serve(exchange, request);
    }

    @Override
    void fail(HttpExchange exchange, RuntimeException failure) throws IOException {
        AnthropicError error = failure instanceof AnthropicError known ? known : AnthropicError.apiError();
        AnthropicHttp.json(exchange, error.status(), error.body(), error.headers());
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
