package io.aigw.jca.api;

import java.util.List;

/**
 * Sampling and length settings; {@code null} means "provider default".
 *
 * @param temperature sampling temperature
 * @param topP        nucleus sampling mass
 * @param maxTokens   upper bound of generated tokens
 * @param stop        stop sequences (empty for none)
 * @param n           number of choices
 */
public record GenerationOptions(Double temperature, Double topP, Integer maxTokens, List<String> stop, Integer n) {

    /** No settings: every value is the provider's default. */
    public static final GenerationOptions DEFAULTS = new GenerationOptions(null, null, null, List.of(), null);

    public GenerationOptions {
        stop = stop == null ? List.of() : List.copyOf(stop);
    }
}
