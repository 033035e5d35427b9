package io.aigw.policy.telemetry;

import io.aigw.policy.chain.Operation;

/** The OpenTelemetry GenAI semantic conventions' names for what aigw calls operations and protocols. */
public final class GenAiNames {

    private GenAiNames() {
    }

    /** {@code gen_ai.operation.name}: {@code chat}, {@code embeddings}; {@code null} for other operations. */
    public static String operation(Operation operation) {
        return switch (operation) {
            case CHAT -> "chat";
            case EMBEDDINGS -> "embeddings";
            default -> null;
        };
    }

    /**
     * {@code gen_ai.provider.name} for a connection's protocol: the conventions' well-known values where one applies
     * ({@code openai}, {@code anthropic}, {@code gcp.gemini}, {@code aws.bedrock}), {@code aigw.local} for models the
     * gateway runs itself, the protocol otherwise.
     */
    public static String provider(String protocol) {
        if (protocol == null) {
            return "";
        }
        return switch (protocol) {
            case "gemini" -> "gcp.gemini";
            case "bedrock" -> "aws.bedrock";
            case "local" -> "aigw.local";
            default -> protocol;
        };
    }
}
