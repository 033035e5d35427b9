package io.aigw.jca.provider;

import io.aigw.jca.provider.anthropic.AnthropicProvider;
import io.aigw.jca.provider.bedrock.BedrockProvider;
import io.aigw.jca.provider.gemini.GeminiProvider;
import io.aigw.jca.provider.http.ReadWatchdog;
import io.aigw.jca.provider.local.LocalProvider;
import io.aigw.jca.provider.openai.OpenAiProvider;

/** Creates the provider of a connection factory from its protocol name. */
public final class Providers {

    private Providers() {
    }

    /**
     * @throws IllegalArgumentException for an unknown protocol
     */
    public static Provider create(ProviderSettings settings, ReadWatchdog watchdog, LocalModels localModels) {
        return switch (settings.protocol()) {
            case "openai" -> new OpenAiProvider(settings, watchdog);
            case "anthropic" -> new AnthropicProvider(settings, watchdog);
            case "gemini" -> new GeminiProvider(settings, watchdog);
            case "bedrock" -> new BedrockProvider(settings, watchdog);
            case "local" -> new LocalProvider(settings, localModels);
            default -> throw new IllegalArgumentException("unknown protocol '" + settings.protocol()
                    + "' (supported: openai, anthropic, gemini, bedrock, local)");
        };
    }
}
