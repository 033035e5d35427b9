package io.aigw.it.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Base64;

/**
 * Serves one small PNG at {@value #PATH} without authentication: the image URL clients put in their messages, which
 * the gateway fetches for providers that need the bytes (Gemini, Bedrock).
 */
public final class ImageHandler implements HttpHandler {

    /** The image's path on the fake OpenAI server. */
    public static final String PATH = "/images/pixel.png";

    /** The image: a 1x1 PNG. */
    public static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, PNG.length);
            exchange.getResponseBody().write(PNG);
        }
    }
}
