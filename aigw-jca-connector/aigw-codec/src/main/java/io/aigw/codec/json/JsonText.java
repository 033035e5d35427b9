package io.aigw.codec.json;

import io.aigw.codec.InvalidMessageException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;

/**
 * Parses and writes JSON text. A document must be exactly one JSON object: anything after it is an error too, and so
 * is nesting deeper than {@link JsonDepth#MAX} levels. Parse failures become {@link InvalidMessageException}s with the
 * position.
 */
public final class JsonText {

    private static final String BODY = "We could not parse the JSON body of your request";

    private JsonText() {
    }

    /** Parses a JSON object from UTF-8 bytes. */
    public static JsonObject parseObject(byte[] utf8) {
        if (JsonDepth.exceeds(utf8, JsonDepth.MAX)) {
            throw tooDeep(BODY);
        }
        try (JsonParser parser = Jsonp.createParser(new ByteArrayInputStream(utf8))) {
            return single(parser, BODY);
        }
    }

    /** Parses a JSON object from a UTF-8 stream (read to its end). */
    public static JsonObject parseObject(InputStream in) {
        try {
            return parseObject(in.readAllBytes());
        } catch (java.io.IOException e) {
            throw new InvalidMessageException(BODY + ": it could not be read.", null, e);
        }
    }

    /** Parses a JSON object from text. */
    public static JsonObject parseObject(String text) {
        if (JsonDepth.exceeds(text, JsonDepth.MAX)) {
            throw tooDeep("Invalid JSON");
        }
        try (JsonParser parser = Jsonp.createParser(new StringReader(text))) {
            return single(parser, "Invalid JSON");
        }
    }

    private static InvalidMessageException tooDeep(String what) {
        return new InvalidMessageException(what + ": it nests objects and arrays deeper than " + JsonDepth.MAX
                + " levels.", null);
    }

    private static JsonObject single(JsonParser parser, String what) {
        try {
            if (!parser.hasNext()) {
                throw new InvalidMessageException(what + ": it is empty.", null);
            }
            JsonParser.Event first = parser.next();
            if (first != JsonParser.Event.START_OBJECT) {
                throw new InvalidMessageException("The request body must be a JSON object.", null);
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw new InvalidMessageException(what + ": there is content after the JSON object.", null);
            }
            return object;
        } catch (JsonParsingException e) {
            throw new InvalidMessageException(what + ": " + e.getMessage(), null, e);
        } catch (JsonException e) {
            throw new InvalidMessageException(what + ": it is not valid JSON.", null, e);
        }
    }

    /** Writes the compact JSON text of a value to {@code out} as UTF-8, without building it in memory first. */
    public static void write(JsonValue v, java.io.OutputStream out) {
        try (JsonWriter w = Jsonp.createWriter(new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws java.io.IOException {
                flush(); // the caller owns the stream
            }
        })) {
            w.write(v);
        }
    }

    /** Compact JSON text of a value. */
    public static String write(JsonValue v) {
        StringWriter sw = new StringWriter(256);
        try (JsonWriter w = Jsonp.createWriter(sw)) {
            w.write(v);
        }
        return sw.toString();
    }
}
