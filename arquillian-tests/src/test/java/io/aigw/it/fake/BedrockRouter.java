package io.aigw.it.fake;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The single {@link FakeRouter} of the fake Bedrock: checks its SigV4 signature, routes
 * {@code POST /model/{modelId}/converse[-stream]} and turns {@link BedrockError}s into Bedrock error replies.
 */
final class BedrockRouter extends FakeRouter {

    private static final Pattern OPERATION = Pattern.compile("/model/([^/]+)/(converse|converse-stream)");

    private final BedrockConverseHandler converse;

    BedrockRouter(FakeBedrockServer server) {
        super(server);
        this.converse = new BedrockConverseHandler(server);
    }

    @Override
    void serve(HttpExchange exchange, RecordedRequest request) throws IOException {
        BedrockSignatureCheck.verify(request, exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), request.body().getBytes(StandardCharsets.UTF_8));
        Matcher operation = OPERATION.matcher(exchange.getRequestURI().getRawPath());
        if (!operation.matches() || !"POST".equals(request.method())) {
            throw new BedrockError(404, "UnknownOperationException", null);
        }
        String modelId = URLDecoder.decode(operation.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        converse.handle(exchange, request, modelId, operation.group(2).equals("converse-stream"));
    }

    @Override
    void fail(HttpExchange exchange, RuntimeException failure) throws IOException {
        error(exchange, failure instanceof BedrockError known ? known
                : new BedrockError(500, "InternalServerException", "The fake failed: " + failure));
    }

    /** A complete JSON reply with Bedrock's request id header. */
    static void json(HttpExchange exchange, int status, JsonObject body, String requestId) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void error(HttpExchange exchange, BedrockError error) throws IOException {
        error.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.getResponseHeaders().set("x-amzn-ErrorType", error.type()
                + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
        json(exchange, error.status(), error.getMessage() == null ? JsonSupport.JSON.createObjectBuilder().build()
                : BedrockJson.error(error.getMessage()), UUID.randomUUID().toString());
    }
}
