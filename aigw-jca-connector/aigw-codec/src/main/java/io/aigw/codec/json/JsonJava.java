package io.aigw.codec.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between JSON-P values and plain Java values (maps, lists, strings, {@link Long}, {@link BigInteger} beyond
 * a long, {@link BigDecimal} numbers, booleans, {@code null}), the form in which the API records carry JSON they do
 * not model.
 */
public final class JsonJava {

    private JsonJava() {
    }

    /** The Java form of a JSON value. */
    public static Object toJava(JsonValue v) {
        if (v == null) {
            return null;
        }
        return switch (v.getValueType()) {
            case NULL -> null;
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case STRING -> ((JsonString) v).getString();
            case NUMBER -> {
                JsonNumber n = (JsonNumber) v;
                if (!n.isIntegral()) {
                    yield n.bigDecimalValue();
                }
                BigInteger i = n.bigIntegerValue();
                yield i.bitLength() < 64 ? (Object) i.longValue() : i;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonValue e : (JsonArray) v) {
                    list.add(toJava(e));
                }
                yield list;
            }
            case OBJECT -> toJavaMap((JsonObject) v);
        };
    }

    /** The Java form of a JSON object, field order kept. */
    public static Map<String, Object> toJavaMap(JsonObject o) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : o.entrySet()) {
            map.put(e.getKey(), toJava(e.getValue()));
        }
        return map;
    }

    /** The JSON form of a Java value produced by {@link #toJava(JsonValue)} (or any similar tree). */
    public static JsonValue toJson(Object v) {
        if (v == null) {
            return JsonValue.NULL;
        }
        if (v instanceof JsonValue jv) {
            return jv;
        }
        if (v instanceof String s) {
            return Jsonp.createValue(s);
        }
        if (v instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return Jsonp.createValue(((Number) v).longValue());
        }
        if (v instanceof BigDecimal d) {
            return Jsonp.createValue(d);
        }
        if (v instanceof BigInteger i) {
            return Jsonp.createValue(i);
        }
        if (v instanceof Number n) {
            return Jsonp.createValue(n.doubleValue());
        }
        if (v instanceof Map<?, ?> m) {
            JsonObjectBuilder b = Jsonp.createObjectBuilder();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.add(String.valueOf(e.getKey()), toJson(e.getValue()));
            }
            return b.build();
        }
        if (v instanceof Collection<?> c) {
            JsonArrayBuilder b = Jsonp.createArrayBuilder();
            for (Object e : c) {
                b.add(toJson(e));
            }
            return b.build();
        }
        throw new IllegalArgumentException("not a JSON-compatible value: " + v.getClass().getName());
    }

    /** Adds every extension field that the builder does not already have (modelled fields win). */
    public static void addExtensions(JsonObjectBuilder b, JsonObject built, Map<String, Object> extensions) {
        for (Map.Entry<String, Object> e : extensions.entrySet()) {
            if (!built.containsKey(e.getKey())) {
                b.add(e.getKey(), toJson(e.getValue()));
            }
        }
    }
}
