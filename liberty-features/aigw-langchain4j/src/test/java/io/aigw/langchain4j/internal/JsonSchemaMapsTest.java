package io.aigw.langchain4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.aigw.jca.api.ToolDefinition;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSchemaMapsTest {

    @Test
    void toolSpecificationWithNestedObjectArrayEnumAndRequired() {
        JsonObjectSchema address = JsonObjectSchema.builder()
                .description("where to ship")
                .addStringProperty("street")
                .addProperty("zip", JsonIntegerSchema.builder().description("postal code").build())
                .required("street")
                .additionalProperties(false)
                .build();
        JsonObjectSchema parameters = JsonObjectSchema.builder()
                .addProperty("address", address)
                .addProperty("items", JsonArraySchema.builder()
                        .description("line items")
                        .items(JsonObjectSchema.builder()
                                .addStringProperty("sku", "stock keeping unit")
                                .addProperty("quantity", new JsonNumberSchema())
                                .required("sku", "quantity")
                                .build())
                        .build())
                .addProperty("priority", JsonEnumSchema.builder().enumValues("LOW", "HIGH").build())
                .addProperty("gift", new JsonBooleanSchema())
                .required("address", "items")
                .build();
        ToolSpecification spec = ToolSpecification.builder()
                .name("place_order").description("Places an order").parameters(parameters).strict(true).build();

        List<ToolDefinition> tools = ToolTranslator.toGateway(List.of(spec));

        assertThat(tools).hasSize(1);
        ToolDefinition tool = tools.get(0);
        assertThat(tool.name()).isEqualTo("place_order");
        assertThat(tool.description()).isEqualTo("Places an order");
        assertThat(tool.strict()).isTrue();
        assertThat(tool.parameters()).isEqualTo(Map.of(
                "type", "object",
                "properties", Map.of(
                        "address", Map.of(
                                "type", "object",
                                "description", "where to ship",
                                "properties", Map.of(
                                        "street", Map.of("type", "string"),
                                        "zip", Map.of("type", "integer", "description", "postal code")),
                                "required", List.of("street"),
                                "additionalProperties", false),
                        "items", Map.of(
                                "type", "array",
                                "description", "line items",
                                "items", Map.of(
                                        "type", "object",
                                        "properties", Map.of(
                                                "sku", Map.of("type", "string", "description", "stock keeping unit"),
                                                "quantity", Map.of("type", "number")),
                                        "required", List.of("sku", "quantity"))),
                        "priority", Map.of("type", "string", "enum", List.of("LOW", "HIGH")),
                        "gift", Map.of("type", "boolean")),
                "required", List.of("address", "items")));
        assertThat(List.copyOf(((Map<?, ?>) tool.parameters().get("properties")).keySet()))
                .isEqualTo(List.of("address", "items", "priority", "gift"));
    }

    @Test
    void toolWithoutParametersTakesAnEmptyObject() {
        ToolSpecification spec = ToolSpecification.builder().name("now").build();

        ToolDefinition tool = ToolTranslator.toGateway(List.of(spec)).get(0);

        assertThat(tool.parameters()).isEqualTo(Map.of("type", "object", "properties", Map.of()));
        assertThat(tool.description()).isNull();
        assertThat(tool.strict()).isNull();
    }

    @Test
    void recursiveSchemaKeepsDefinitionsAndReferences() {
        JsonObjectSchema node = JsonObjectSchema.builder()
                .addStringProperty("label")
                .addProperty("children", JsonArraySchema.builder()
                        .items(JsonReferenceSchema.builder().reference("node").build()).build())
                .build();
        JsonObjectSchema root = JsonObjectSchema.builder()
                .addProperty("tree", JsonReferenceSchema.builder().reference("node").build())
                .addProperty("note", JsonAnyOfSchema.builder()
                        .anyOf(new JsonStringSchema(), new JsonNullSchema()).build())
                .definitions(Map.of("node", node))
                .build();

        Map<String, Object> map = JsonSchemaMaps.toMap(root);

        assertThat(map).isEqualTo(Map.of(
                "type", "object",
                "properties", Map.of(
                        "tree", Map.of("$ref", "#/$defs/node"),
                        "note", Map.of("anyOf", List.of(Map.of("type", "string"), Map.of("type", "null")))),
                "$defs", Map.of("node", Map.of(
                        "type", "object",
                        "properties", Map.of(
                                "label", Map.of("type", "string"),
                                "children", Map.of("type", "array", "items", Map.of("$ref", "#/$defs/node")))))));
    }

    @Test
    void rawSchemaIsParsed() {
        Map<String, Object> map = JsonSchemaMaps.toMap(JsonRawSchema.from(
                "{ \"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integer\", \"minimum\": 1,"
                        + " \"maximum\": 1.5e2, \"description\": \"a \\\"count\\\" \\u00e9\"}},"
                        + " \"required\": [\"n\"], \"additionalProperties\": false, \"default\": null }"));

        java.util.Map<String, Object> n = new java.util.LinkedHashMap<>();
        n.put("type", "integer");
        n.put("minimum", 1L);
        n.put("maximum", new BigDecimal("1.5e2"));
        n.put("description", "a \"count\" \u00e9");
        java.util.Map<String, Object> expected = new java.util.LinkedHashMap<>();
        expected.put("type", "object");
        expected.put("properties", Map.of("n", n));
        expected.put("required", List.of("n"));
        expected.put("additionalProperties", false);
        expected.put("default", null);
        assertThat(map).isEqualTo(expected);
    }

    @Test
    void malformedRawSchemaIsRefused() {
        assertThatThrownBy(() -> JsonSchemaMaps.toMap(JsonRawSchema.from("{\"type\": \"object\",}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Malformed JSON schema");
    }
}
