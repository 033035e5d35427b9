package io.aigw.it.fake;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;

/** Shared JSON-P builder factory and lenient field readers for request bodies. */
final class JsonSupport {

    /** One factory for the whole fake, so the JSON-P provider is looked up only once. */
    static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private JsonSupport() {
    }

    /** Returns the string field, or {@code null} when absent or not a string. */
    static String string(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value instanceof JsonString s ? s.getString() : null;
    }

    /** Returns the integral number field, or {@code null} when absent or not a number. */
    static Integer integer(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value instanceof JsonNumber n ? n.intValue() : null;
    }

    /** Returns {@code true} only when the field is the JSON literal {@code true}. */
    static boolean isTrue(JsonObject object, String name) {
        return object.get(name) == JsonValue.TRUE;
    }

    /** Returns the object field, or an empty object when absent or not an object. */
    static JsonObject object(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
    }

    /** Counts whitespace-separated words: the fake's deterministic stand-in for a tokenizer. */
    static int words(String text) {
        String trimmed = text == null ? "" : text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }
}
