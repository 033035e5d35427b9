package io.aigw.codec.json;

import io.aigw.codec.InvalidMessageException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;

/** Parses and writes JSON text. Parse failures become {@link InvalidMessageException}s with the position. */
public final class JsonText {

    private JsonText() {
    }

    /** Parses a JSON object from UTF-8 bytes. */
    public static JsonObject parseObject(byte[] utf8) {
        return parseObject(new ByteArrayInputStream(utf8));
    }

    /** Parses a JSON object from a UTF-8 stream (read to its end). */
    public static JsonObject parseObject(InputStream in) {
        try (JsonReader r = Jsonp.createReader(in)) {
            return asObject(r.readValue());
        } catch (JsonParsingException e) {
            throw new InvalidMessageException("We could not parse the JSON body of your request: "
                    + e.getMessage(), null, e);
        } catch (JsonException e) {
            throw new InvalidMessageException("We could not parse the JSON body of your request: it is not valid "
                    + "JSON.", null, e);
        }
    }

    /** Parses a JSON object from text. */
    public static JsonObject parseObject(String text) {
        try (JsonReader r = Jsonp.createReader(new StringReader(text))) {
            return asObject(r.readValue());
        } catch (JsonException e) {
            throw new InvalidMessageException("Invalid JSON: " + e.getMessage(), null, e);
        }
    }

    private static JsonObject asObject(JsonValue v) {
        if (v instanceof JsonObject o) {
            return o;
        }
        throw new InvalidMessageException("The request body must be a JSON object.", null);
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
