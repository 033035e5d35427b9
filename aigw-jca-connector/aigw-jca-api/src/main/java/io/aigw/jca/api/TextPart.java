package io.aigw.jca.api;

import java.util.Objects;

/**
 * Plain text content.
 *
 * @param text         the text
 * @param cacheControl a prompt-caching breakpoint after this part, or {@code null}
 */
public record TextPart(String text, CacheControl cacheControl) implements ContentPart {
    public TextPart {
        Objects.requireNonNull(text, "text");
    }

    /** Text without a caching breakpoint. */
    public TextPart(String text) {
        this(text, null);
    }
}
