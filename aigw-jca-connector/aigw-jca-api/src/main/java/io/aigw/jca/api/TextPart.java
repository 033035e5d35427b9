package io.aigw.jca.api;

import java.util.Objects;

/** Plain text content. */
public record TextPart(String text) implements ContentPart {
    public TextPart {
        Objects.requireNonNull(text, "text");
    }
}
