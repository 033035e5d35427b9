package io.aigw.jca.provider.bedrock;

import io.aigw.jca.provider.ProviderSettings;

/** Where a Bedrock connection sends its requests: the runtime endpoint of its region unless a base URL is set. */
final class BedrockEndpoint {

    /** The {@code baseUrl} property's default in the connection factory (OpenAI's), which means "not set" here. */
    static final String FACTORY_DEFAULT_BASE_URL = "https://api.openai.com/v1";

    private BedrockEndpoint() {
    }

    /**
     * The base URL: the configured one, or {@code https://bedrock-runtime.{region}.amazonaws.com} when it is blank
     * or the factory default; empty when neither a base URL nor a region is configured.
     */
    static String baseUrl(ProviderSettings settings) {
        String configured = settings.baseUrl() == null ? "" : settings.baseUrl().trim();
        if (!configured.isEmpty() && !configured.equals(FACTORY_DEFAULT_BASE_URL)) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        return settings.region().isEmpty() ? "" : "https://bedrock-runtime." + settings.region() + ".amazonaws.com";
    }

    /**
     * The path of an operation on a model, the model id percent-encoded as one path segment ({@code :} and, in
     * ARNs, {@code /} included).
     *
     * @param operation {@code converse} or {@code converse-stream}
     */
    static String path(String modelId, String operation) {
        return "/model/" + SigV4Signer.uriEncode(modelId, false) + "/" + operation;
    }

    /** The same settings with the resolved base URL. */
    static ProviderSettings resolve(ProviderSettings s) {
        return s.withBaseUrl(baseUrl(s));
    }
}
