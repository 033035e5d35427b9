package io.aigw.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;

/** An HTTP client for the gateway under test; only host and port are taken from Arquillian's URL. */
public final class Gateway {

    /** The bootstrap admin key the test server is configured with. */
    public static final String ADMIN_KEY = System.getProperty("aigw.admin.key");

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public Gateway(URL arquillianUrl) {
        this.base = "http://" + arquillianUrl.getHost() + ":" + arquillianUrl.getPort();
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    }

    public static HttpRequest.Builder bearer(HttpRequest.Builder b, String key) {
        return key == null ? b : b.header("Authorization", "Bearer " + key);
    }

    public HttpResponse<String> post(String path, String key, String json) {
        return send(bearer(request(path), key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A request with a JSON body and any method ({@code PUT}, {@code PATCH}, ...). */
    public HttpResponse<String> method(String method, String path, String key, String json) {
        return send(bearer(request(path), key).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> delete(String path, String key) {
        return send(bearer(request(path), key).DELETE().build());
    }

    public HttpResponse<String> get(String path, String key) {
        return send(bearer(request(path), key).GET().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A streamed POST: the response as lines, read lazily as they arrive. */
    public HttpResponse<Stream<String>> stream(String path, String key, String json) {
        try {
            return http.send(bearer(request(path), key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A streamed POST whose body the caller reads (or abandons) as raw bytes. */
    public HttpResponse<java.io.InputStream> streamBytes(String path, String key, String json) {
        try {
            return http.send(bearer(request(path), key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonObject json(String text) {
        try (JsonReader r = Json.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }

    public static JsonObject json(HttpResponse<String> response) {
        return json(response.body());
    }

    /** The request id the gateway returned (also the id of the request's audit row). */
    public static String requestId(HttpResponse<?> response) {
        return response.headers().firstValue("x-request-id")
                .orElseThrow(() -> new AssertionError("no x-request-id header"));
    }
}
