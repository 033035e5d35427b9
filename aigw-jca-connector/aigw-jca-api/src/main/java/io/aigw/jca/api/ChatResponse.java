package io.aigw.jca.api;

import java.util.List;

/**
 * A complete chat completion.
 *
 * @param id                the provider's completion id
 * @param model             the model that answered, as the provider names it
 * @param created           creation time, epoch seconds
 * @param choices           the choices
 * @param usage             token usage
 * @param systemFingerprint the provider's backend fingerprint, or {@code null}
 */
public record ChatResponse(String id, String model, long created, List<ChatChoice> choices, Usage usage,
                           String systemFingerprint) {

    public ChatResponse {
        choices = List.copyOf(choices);
        usage = usage == null ? Usage.NONE : usage;
    }
}
