package io.aigw.codec.gemini;

import io.aigw.codec.InvalidMessageException;
import io.aigw.jca.api.ImagePart;

/**
 * Supplies the bytes of an image content part, which Gemini takes inline only ({@code inlineData}). The provider
 * adapter resolves images (decoding data URLs, fetching URLs) before the request is encoded.
 */
@FunctionalInterface
public interface GeminiImages {

    /**
     * An image as Gemini's {@code inlineData}.
     *
     * @param mimeType   e.g. {@code image/png}
     * @param base64Data the bytes in standard base64
     */
    record InlineImage(String mimeType, String base64Data) {
    }

    /** The inline form of an image; fails with {@link InvalidMessageException} when it cannot be had. */
    InlineImage resolve(ImagePart image);

    /** Resolves {@code data:<type>;base64,<data>} URLs only, without decoding them. */
    GeminiImages DATA_URLS = image -> {
        String url = image.url();
        int comma = url.indexOf(',');
        String header = comma < 0 || !image.inline() ? "" : url.substring(5, comma);
        if (!header.endsWith(";base64")) {
            throw new InvalidMessageException("An image for a Gemini model must be a base64 data URL.", "messages");
        }
        return new InlineImage(header.substring(0, header.length() - ";base64".length()), url.substring(comma + 1));
    };
}
