package io.aigw.langchain4j.internal;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import io.aigw.jca.api.GenerationOptions;
import io.aigw.jca.api.ResponseFormat;
import io.aigw.jca.api.ToolDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A LangChain4j chat request as the gateway's neutral request for one gateway model id. The request's own model
 * name is not used: the governed client is bound to its model. Temperature, top-p, maximum output tokens and stop
 * sequences are generation options; frequency and presence penalty travel as the OpenAI-style extensions
 * {@code frequency_penalty} and {@code presence_penalty}, and top-k as {@code anthropic.top_k} (only Anthropic takes it
 * as a top-level field).
 */
public final class RequestTranslator {

    private RequestTranslator() {
    }

    /** The neutral request for {@code model}, streamed or not. */
    public static io.aigw.jca.api.ChatRequest toGateway(String model, ChatRequest request, boolean stream) {
        ChatRequestParameters p = request.parameters();
        GenerationOptions options = p == null ? GenerationOptions.DEFAULTS
                : new GenerationOptions(p.temperature(), p.topP(), p.maxOutputTokens(), p.stopSequences(), null);
        List<ToolDefinition> tools = ToolTranslator.toGateway(p == null ? null : p.toolSpecifications());
        Object toolChoice = tools.isEmpty() ? null : ToolTranslator.toolChoice(p.toolChoice());
        ResponseFormat format = p == null ? null : responseFormat(p.responseFormat());
        return new io.aigw.jca.api.ChatRequest(model, MessageTranslator.toGateway(request.messages()), options, tools,
                toolChoice, format, stream, p == null ? null : extensions(p));
    }

    /**
     * LangChain4j's response format: {@code null} for text, {@code json_object} for JSON without a schema and
     * {@code json_schema} (name and schema) with one.
     */
    public static ResponseFormat responseFormat(dev.langchain4j.model.chat.request.ResponseFormat format) {
        if (format == null || format.type() != ResponseFormatType.JSON) {
            return null;
        }
        JsonSchema schema = format.jsonSchema();
        if (schema == null || schema.rootElement() == null) {
            return new ResponseFormat("json_object", null);
        }
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("name", schema.name() == null ? "response" : schema.name());
        definition.put("schema", JsonSchemaMaps.toMap(schema.rootElement()));
        return new ResponseFormat("json_schema", definition);
    }

    private static Map<String, Object> extensions(ChatRequestParameters p) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (p.frequencyPenalty() != null) {
            extensions.put("frequency_penalty", p.frequencyPenalty());
        }
        if (p.presencePenalty() != null) {
            extensions.put("presence_penalty", p.presencePenalty());
        }
        if (p.topK() != null) {
            extensions.put("anthropic.top_k", p.topK());
        }
        return extensions;
    }
}
