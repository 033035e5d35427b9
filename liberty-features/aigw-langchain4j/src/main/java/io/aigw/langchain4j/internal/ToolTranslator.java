package io.aigw.langchain4j.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.ToolChoice;
import io.aigw.jca.api.ToolCall;
import io.aigw.jca.api.ToolDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * LangChain4j's tool specifications, tool choice and tool execution requests in the gateway's neutral form and back.
 */
public final class ToolTranslator {

    private ToolTranslator() {
    }

    /** The tools as neutral definitions, parameters as a JSON schema map; empty for none. */
    public static List<ToolDefinition> toGateway(List<ToolSpecification> specifications) {
        List<ToolDefinition> tools = new ArrayList<>();
        if (specifications != null) {
            for (ToolSpecification s : specifications) {
                tools.add(new ToolDefinition(s.name(), s.description(), JsonSchemaMaps.parameters(s.parameters()),
                        s.strict()));
            }
        }
        return tools;
    }

    /**
     * The tool choice as the neutral request's JSON-compatible value ({@code "auto"}, {@code "required"},
     * {@code "none"}), or {@code null} to leave it to the provider.
     */
    public static Object toolChoice(ToolChoice choice) {
        if (choice == null) {
            return null;
        }
        switch (choice) {
            case AUTO:
                return "auto";
            case REQUIRED:
                return "required";
            case NONE:
                return "none";
            default:
                return null;
        }
    }

    /** A tool execution request of an assistant message as the neutral tool call. */
    public static ToolCall toGateway(ToolExecutionRequest request) {
        return new ToolCall(request.id(), request.name(), request.arguments());
    }

    /**
     * A neutral tool call as LangChain4j's tool execution request. Arguments a provider left empty (a call without
     * parameters) become {@code {}}, which LangChain4j's tool executor can parse.
     */
    public static ToolExecutionRequest fromGateway(String id, String name, String arguments) {
        return ToolExecutionRequest.builder()
                .id(id)
                .name(name)
                .arguments(arguments == null || arguments.isBlank() ? "{}" : arguments)
                .build();
    }
}
