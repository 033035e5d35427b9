package io.aigw.codec.json;

import io.aigw.codec.InvalidMessageException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Typed reads of JSON object fields that fail with an {@link InvalidMessageException} naming the field and the
 * expected type. Absent and {@code null} fields read as {@code null} unless required.
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** The field's value, or {@code null} if absent or JSON {@code null}. */
    public static JsonValue value(JsonObject o, String field) {
        JsonValue v = o.get(field);
        return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : v;
    }

    public static String string(JsonObject o, String field, String path) {
        JsonValue v = value(o, field);
        if (v == null) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        throw wrongType(path, "a string", v);
    }

    public static String requiredString(JsonObject o, String field, String path) {
        String s = string(o, field, path);
        if (s == null) {
            throw missing(path);
        }
        return s;
    }

    public static Integer integer(JsonObject o, String field, String path) {
        JsonValue v = value(o, field);
        if (v == null) {
            return null;
        }
        if (v instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.intValueExact();
            } catch (ArithmeticException e) {
                throw new InvalidMessageException("'" + path + "' is out of range.", path);
            }
        }
        throw wrongType(path, "an integer", v);
    }

    public static int intOrZero(JsonObject o, String field) {
        JsonValue v = o == null ? null : value(o, field);
        return v instanceof JsonNumber n ? n.intValue() : 0;
    }

    public static Double number(JsonObject o, String field, String path) {
        JsonValue v = value(o, field);
        if (v == null) {
            return null;
        }
        if (v instanceof JsonNumber n) {
            return n.doubleValue();
        }
        throw wrongType(path, "a number", v);
    }

    public static Boolean bool(JsonObject o, String field, String path) {
        JsonValue v = value(o, field);
        if (v == null) {
            return null;
        }
        if (v == JsonValue.TRUE) {
            return Boolean.TRUE;
        }
        if (v == JsonValue.FALSE) {
            return Boolean.FALSE;
        }
        throw wrongType(path, "a boolean", v);
    }

    public static JsonObject object(JsonObject o, String field, String path) {
        JsonValue v = value(o, field);
        if (v == null) {
            return null;
        }
        if (v instanceof JsonObject obj) {
            return obj;
        }
        throw wrongType(path, "an object", v);
    }

    public static JsonArray array(JsonObject o, String field, String path) {
        JsonValue v = value(o, field);
        if (v == null) {
            return null;
        }
        if (v instanceof JsonArray a) {
            return a;
        }
        throw wrongType(path, "an array", v);
    }

    public static JsonObject objectAt(JsonArray a, int i, String path) {
        JsonValue v = a.get(i);
        if (v instanceof JsonObject obj) {
            return obj;
        }
        throw wrongType(path, "an object", v);
    }

    public static InvalidMessageException missing(String path) {
        return new InvalidMessageException("Missing required parameter: '" + path + "'.", path);
    }

    public static InvalidMessageException wrongType(String path, String expected, JsonValue actual) {
        return new InvalidMessageException("Invalid type for '" + path + "': expected " + expected + ", but got "
                + describe(actual) + ".", path);
    }

    private static String describe(JsonValue v) {
        return switch (v.getValueType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
        };
    }
}
