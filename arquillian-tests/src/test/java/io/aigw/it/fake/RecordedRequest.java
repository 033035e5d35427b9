package io.aigw.it.fake;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as the fake upstream received it.
 *
 * @param method  the HTTP method, e.g. {@code POST}
 * @param path    the request path without query, e.g. {@code /v1/chat/completions}
 * @param headers the first value of every request header; lookups ignore case
 * @param body    the raw request body decoded as UTF-8 (empty when there was none)
 */
public record RecordedRequest(String method, String path, Map<String, String> headers, String body) {

    /** Copies the headers into an immutable, case-insensitive map. */
    public RecordedRequest {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? "" : body;
    }

    /** Reads method, path, headers and the whole body of an exchange. */
    static RecordedRequest read(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (header.getKey() != null && !header.getValue().isEmpty()) {
                headers.put(header.getKey(), header.getValue().get(0));
            }
        }
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body);
    }

    /**
     * Returns the first value of a header.
     *
     * @param name header name, any case
     * @return the value, or empty when the header was absent
     */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /**
     * Parses the body as a JSON object.
     *
     * @return the object, or empty when the body is not a JSON object
     */
    public Optional<JsonObject> json() {
        if (body.isBlank()) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            return value.getValueType() == JsonValue.ValueType.OBJECT
                    ? Optional.of(value.asJsonObject()) : Optional.empty();
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** Returns the {@code model} field of the JSON body, if there is one. */
    public Optional<String> model() {
        return stringField("model");
    }

    /** Returns the {@code user} field of the JSON body, if there is one. */
    public Optional<String> user() {
        return stringField("user");
    }

    private Optional<String> stringField(String name) {
        return json().map(object -> object.get(name))
                .filter(value -> value.getValueType() == JsonValue.ValueType.STRING)
                .map(value -> ((JsonString) value).getString());
    }
}
