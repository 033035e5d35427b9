package io.aigw.langchain4j.internal;

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
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LangChain4j's JSON schema element tree as a JSON Schema in JSON-compatible Java values (maps, lists, strings,
 * booleans), the form of {@link io.aigw.jca.api.ToolDefinition#parameters()}. Written here rather than taken from
 * LangChain4j's internal utilities, whose shape may change between the versions applications bring. Recursive
 * schemas keep LangChain4j's convention: definitions under {@code $defs}, references as {@code #/$defs/<name>}.
 */
public final class JsonSchemaMaps {

    private JsonSchemaMaps() {
    }

    /** The schema of a tool's parameters; a tool without parameters takes an empty object. */
    public static Map<String, Object> parameters(JsonObjectSchema parameters) {
        if (parameters == null) {
            Map<String, Object> empty = new LinkedHashMap<>();
            empty.put("type", "object");
            empty.put("properties", new LinkedHashMap<>());
            return empty;
        }
        return toMap(parameters);
    }

    /** One schema element and everything below it. */
    public static Map<String, Object> toMap(JsonSchemaElement element) {
        if (element instanceof JsonObjectSchema) {
            return object((JsonObjectSchema) element);
        }
        if (element instanceof JsonArraySchema) {
            JsonArraySchema array = (JsonArraySchema) element;
            Map<String, Object> map = typed("array", array.description());
            map.put("items", array.items() == null ? new LinkedHashMap<>() : toMap(array.items()));
            return map;
        }
        if (element instanceof JsonEnumSchema) {
            JsonEnumSchema enumeration = (JsonEnumSchema) element;
            Map<String, Object> map = typed("string", enumeration.description());
            map.put("enum", new ArrayList<>(enumeration.enumValues()));
            return map;
        }
        if (element instanceof JsonStringSchema) {
            return typed("string", element.description());
        }
        if (element instanceof JsonIntegerSchema) {
            return typed("integer", element.description());
        }
        if (element instanceof JsonNumberSchema) {
            return typed("number", element.description());
        }
        if (element instanceof JsonBooleanSchema) {
            return typed("boolean", element.description());
        }
        if (element instanceof JsonNullSchema) {
            return typed("null", null);
        }
        if (element instanceof JsonAnyOfSchema) {
            JsonAnyOfSchema anyOf = (JsonAnyOfSchema) element;
            Map<String, Object> map = described(anyOf.description());
            List<Object> alternatives = new ArrayList<>();
            anyOf.anyOf().forEach(alternative -> alternatives.add(toMap(alternative)));
            map.put("anyOf", alternatives);
            return map;
        }
        if (element instanceof JsonReferenceSchema) {
            JsonReferenceSchema reference = (JsonReferenceSchema) element;
            Map<String, Object> map = described(reference.description());
            map.put("$ref", "#/$defs/" + reference.reference());
            return map;
        }
        if (element instanceof JsonRawSchema) {
            return JsonText.parseObject(((JsonRawSchema) element).schema());
        }
        throw new IllegalArgumentException("Unsupported JSON schema element: "
                + (element == null ? "null" : element.getClass().getName()));
    }

    private static Map<String, Object> object(JsonObjectSchema object) {
        Map<String, Object> map = typed("object", object.description());
        Map<String, Object> properties = new LinkedHashMap<>();
        if (object.properties() != null) {
            object.properties().forEach((name, property) -> properties.put(name, toMap(property)));
        }
        map.put("properties", properties);
        if (object.required() != null && !object.required().isEmpty()) {
            map.put("required", new ArrayList<>(object.required()));
        }
        if (object.additionalProperties() != null) {
            map.put("additionalProperties", object.additionalProperties());
        }
        if (object.definitions() != null && !object.definitions().isEmpty()) {
            Map<String, Object> definitions = new LinkedHashMap<>();
            object.definitions().forEach((name, definition) -> definitions.put(name, toMap(definition)));
            map.put("$defs", definitions);
        }
        return map;
    }

    private static Map<String, Object> typed(String type, String description) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", type);
        if (description != null) {
            map.put("description", description);
        }
        return map;
    }

    private static Map<String, Object> described(String description) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (description != null) {
            map.put("description", description);
        }
        return map;
    }
}
