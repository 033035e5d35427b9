package io.aigw.codec.bedrock;

import java.util.Locale;
import java.util.Objects;

/**
 * An image as Converse takes it: {@code {"image":{"format":...,"source":{"bytes":<base64>}}}}.
 *
 * @param format      {@code png}, {@code jpeg}, {@code gif} or {@code webp}
 * @param base64Bytes the image bytes in standard base64
 */
public record ConverseImage(String format, String base64Bytes) {

    public ConverseImage {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(base64Bytes, "base64Bytes");
    }

    /** The Converse image format for a media type ({@code image/png} gives {@code png}), or {@code null} if none. */
    public static String formatOf(String mediaType) {
        if (mediaType == null) {
            return null;
        }
        return switch (mediaType.trim().toLowerCase(Locale.ROOT)) {
            case "image/png" -> "png";
            case "image/jpeg", "image/jpg" -> "jpeg";
            case "image/gif" -> "gif";
            case "image/webp" -> "webp";
            default -> null;
        };
    }
}
