package io.aigw.it.fake;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * The single {@link FakeRouter} of the fake Gemini server: checks the API key (header
 * {@code x-goog-api-key} or query parameter {@code key}, as Google accepts both), routes by path and method, and turns
 * {@link GeminiError}s into Google error replies.
 */
final class GeminiRouter extends FakeRouter {

    private static final String MODELS_PREFIX = GeminiModelList.PATH + "/";

    private final GeminiGenerateHandler generate;
    private final GeminiModelList models = new GeminiModelList();
    private final GeminiEmbedHandler embed = new GeminiEmbedHandler();

    GeminiRouter(FakeGeminiServer server) {
        super(server);
        this.generate = new GeminiGenerateHandler(server);
    }

    @Override
    void serve(HttpExchange exchange, RecordedRequest request) throws IOException {
        checkKey(exchange, request);
        route(exchange, request);
    }

    @Override
    void fail(HttpExchange exchange, RuntimeException failure) throws IOException {
        GeminiError error = failure instanceof GeminiError known ? known : GeminiError.internal();
        GeminiHttp.json(exchange, error.status(), error.body());
    }

    private static void checkKey(HttpExchange exchange, RecordedRequest request) {
        String query = exchange.getRequestURI().getRawQuery();
        String key = request.header("x-goog-api-key").orElse(null);
        if (key == null && query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("key=")) {
                    key = pair.substring(4);
                }
            }
        }
        if (key == null) {
            throw GeminiError.missingKey();
        }
        if (!FakeGeminiServer.UPSTREAM_KEY.equals(key)) {
            throw GeminiError.invalidKey();
        }
    }

    private void route(HttpExchange exchange, RecordedRequest request) throws IOException {
        String path = request.path();
        if (path.equals(GeminiModelList.PATH)) {
            only("GET", request);
            models.list(exchange, request);
            return;
        }
        if (path.startsWith(MODELS_PREFIX) && path.length() > MODELS_PREFIX.length()) {
            String rest = path.substring(MODELS_PREFIX.length());
            int colon = rest.indexOf(':');
            if (colon < 0) {
                only("GET", request);
                models.one(exchange, request);
                return;
            }
            String method = rest.substring(colon + 1);
            if (method.equals("generateContent") || method.equals("streamGenerateContent")) {
                only("POST", request);
                generate.handle(exchange, request, rest.substring(0, colon), method.startsWith("stream"));
                return;
            }
            if (method.equals("embedContent") || method.equals("batchEmbedContents")) {
                only("POST", request);
                embed.handle(exchange, request, rest.substring(0, colon), method.startsWith("batch"));
                return;
            }
        }
        throw GeminiError.notFound("The requested URL " + path + " was not found on this server.");
    }

    private static void only(String method, RecordedRequest request) {
        if (!method.equals(request.method())) {
            throw GeminiError.methodNotAllowed();
        }
    }
}
