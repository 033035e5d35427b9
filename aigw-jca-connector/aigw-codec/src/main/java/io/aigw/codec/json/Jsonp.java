package io.aigw.codec.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonWriter;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The JSON-P factory methods of {@link jakarta.json.Json}, on one provider looked up once. {@code Json.createXxx}
 * looks the provider up on every call (a service-loader and class-loader search), which showed up in the request path's
 * profile.
 */
public final class Jsonp {

    private static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonParserFactory PARSERS = PROVIDER.createParserFactory(null);

    private Jsonp() {
    }

    public static JsonObjectBuilder createObjectBuilder() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonObjectBuilder createObjectBuilder(JsonObject initial) {
        return PROVIDER.createObjectBuilder(initial);
    }

    public static JsonArrayBuilder createArrayBuilder() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonString createValue(String value) {
        return PROVIDER.createValue(value);
    }

    public static JsonNumber createValue(long value) {
        return PROVIDER.createValue(value);
    }

    public static JsonNumber createValue(double value) {
        return PROVIDER.createValue(value);
    }

    public static JsonNumber createValue(BigDecimal value) {
        return PROVIDER.createValue(value);
    }

    public static JsonNumber createValue(BigInteger value) {
        return PROVIDER.createValue(value);
    }

    public static JsonReader createReader(InputStream in) {
        return PROVIDER.createReader(in);
    }

    public static JsonReader createReader(Reader in) {
        return PROVIDER.createReader(in);
    }

    /** A parser of UTF-8 JSON (RFC 8259 requires UTF-8 between systems; no encoding detection). */
    public static JsonParser createParser(InputStream in) {
        return PARSERS.createParser(in, StandardCharsets.UTF_8);
    }

    public static JsonParser createParser(Reader in) {
        return PROVIDER.createParser(in);
    }

    /** A writer of UTF-8 JSON to {@code out} (closing it closes {@code out}). */
    public static JsonWriter createWriter(java.io.OutputStream out) {
        return PROVIDER.createWriter(out);
    }

    public static JsonWriter createWriter(Writer out) {
        return PROVIDER.createWriter(out);
    }
}
