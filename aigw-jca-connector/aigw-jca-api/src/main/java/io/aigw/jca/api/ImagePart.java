package io.aigw.jca.api;

import java.util.Objects;

/**
 * Image content, either by URL ({@code https:} or a {@code data:} URL with base64 bytes).
 *
 * @param url    the image URL or data URL
 * @param detail       the requested detail level ({@code auto}, {@code low}, {@code high}) or {@code null}
 * @param cacheControl a prompt-caching breakpoint after this part, or {@code null}
 */
public record ImagePart(String url, String detail, CacheControl cacheControl) implements ContentPart {
    public ImagePart {
        Objects.requireNonNull(url, "url");
    }

    /** An image without a caching breakpoint. */
    public ImagePart(String url, String detail) {
        this(url, detail, null);
    }

    /** Whether the image bytes are inline ({@code data:} URL). */
    public boolean inline() {
        return url.startsWith("data:");
    }
}
