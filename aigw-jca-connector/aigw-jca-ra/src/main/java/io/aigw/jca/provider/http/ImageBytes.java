package io.aigw.jca.provider.http;

import java.util.Base64;

/**
 * An image's bytes and media type, for providers that take images inline only.
 *
 * @param mediaType e.g. {@code image/png}
 * @param data      the raw bytes
 */
public record ImageBytes(String mediaType, byte[] data) {

    /** The bytes in standard base64 (no line breaks). */
    public String base64() {
        return Base64.getEncoder().encodeToString(data);
    }
}
