package io.aigw.jca.api;

import java.util.Objects;

/**
 * Per-request connection properties that legitimately distinguish physical connections: today an upstream credential
 * that replaces the configured one. Never carries a model name (any connection serves any of its models).
 *
 * @param apiKey the upstream credential to use; never logged, never shown by {@link #toString()}
 */
public record AiConnectionSpec(String apiKey) {

    public AiConnectionSpec {
        Objects.requireNonNull(apiKey, "apiKey");
    }

    @Override
    public String toString() {
        return "AiConnectionSpec[apiKey=***]";
    }
}
