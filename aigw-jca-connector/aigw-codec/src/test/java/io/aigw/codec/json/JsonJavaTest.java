package io.aigw.codec.json;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonJavaTest {

    private static final String NESTED = """
            {"s":"text","i":42,"neg":-7,"long":9007199254740993,"d":2.5,"e":1.0E-3,"t":true,"f":false,"n":null,
             "list":[1,"two",[3.25,null],{"k":"v"}],"obj":{"inner":{"deep":[false]},"empty":{},"none":[]}}
            """;

    @Test
    void toJavaGivesPlainJavaValues() {
        Map<String, Object> map = JsonJava.toJavaMap(JsonText.parseObject(NESTED));

        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("inner", Map.of("deep", List.of(false)));
        inner.put("empty", Map.of());
        inner.put("none", List.of());
        assertThat(map).containsExactly(
                Map.entry("s", "text"),
                Map.entry("i", 42L),
                Map.entry("neg", -7L),
                Map.entry("long", 9007199254740993L),
                Map.entry("d", new BigDecimal("2.5")),
                Map.entry("e", new BigDecimal("1.0E-3")),
                Map.entry("t", true),
                Map.entry("f", false),
                new java.util.AbstractMap.SimpleEntry<>("n", null),
                Map.entry("list", List.of(1L, "two", Arrays.asList(new BigDecimal("3.25"), null), Map.of("k", "v"))),
                Map.entry("obj", inner));
    }

    @Test
    void toJsonOfToJavaIsTheSameJson() {
        JsonObject original = JsonText.parseObject(NESTED);

        JsonValue back = JsonJava.toJson(JsonJava.toJava(original));

        assertThat(back).isEqualTo(original);
        assertThat(JsonText.write(back)).isEqualTo(JsonText.write(original));
    }

    @Test
    void toJavaOfToJsonIsTheSameJavaTree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("a", List.of(1L, new BigDecimal("0.5"), "x", Map.of("b", true)));
        tree.put("c", null);
        tree.put("d", Map.of("e", List.of()));

        assertThat(JsonJava.toJava(JsonJava.toJson(tree))).isEqualTo(tree);
    }

    @Test
    void toJsonAcceptsOtherJavaNumberTypes() {
        assertThat(JsonJava.toJson(List.of(1, (short) 2, (byte) 3, 4.5d, 0.25f)))
                .isEqualTo(JsonText.parseObject("{\"x\":[1,2,3,4.5,0.25]}").get("x"));
    }

    /** An integral number beyond the range of a long must keep its value (unmodelled fields pass through as they are). */
    @Test
    void integralNumbersBeyondLongKeepTheirValue() {
        JsonObject original = JsonText.parseObject("{\"big\":12345678901234567890,\"min\":-9223372036854775809}");

        assertThat(JsonJava.toJson(JsonJava.toJava(original))).isEqualTo(original);
    }

    @Test
    void nullBothWays() {
        assertThat(JsonJava.toJava(JsonValue.NULL)).isNull();
        assertThat(JsonJava.toJava(null)).isNull();
        assertThat(JsonJava.toJson(null)).isEqualTo(JsonValue.NULL);
    }

    @Test
    void addExtensionsNeverOverridesModelledFields() {
        JsonObject built = Jsonp.createObjectBuilder().add("model", "m").build();
        jakarta.json.JsonObjectBuilder b = Jsonp.createObjectBuilder(built);
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("model", "other");
        extensions.put("seed", 1L);

        JsonJava.addExtensions(b, built, extensions);

        assertThat(b.build()).isEqualTo(JsonText.parseObject("{\"model\":\"m\",\"seed\":1}"));
    }
}
