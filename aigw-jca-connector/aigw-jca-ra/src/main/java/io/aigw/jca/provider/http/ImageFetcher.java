package io.aigw.jca.provider.http;

import io.aigw.jca.api.ImagePart;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.provider.ProviderSettings.ImageFetchSettings;
import java.util.Base64;

/**
 * Turns an image content part into bytes: decodes {@code data:} URLs and fetches {@code http(s)} URLs under the
 * connection's {@link ImageFetchSettings} (public addresses only unless allowed, size and time caps). Problems with
 * the client's image are {@link Kind#BAD_REQUEST}. Thread-safe.
 */
public final class ImageFetcher {

    private final String connectionName;
    private final ImageFetchSettings settings;

    public ImageFetcher(String connectionName, ImageFetchSettings settings) {
        this.connectionName = connectionName;
        this.settings = settings;
    }

    /** The image's bytes and media type. */
    public ImageBytes load(ImagePart image) throws ProviderException {
        if (image.inline()) {
            return decodeDataUrl(image.url());
        }
        throw new ProviderException(Kind.UNSUPPORTED, "Connection '" + connectionName
                + "' needs images inline; fetching image URLs is not available yet.");
    }

    /** Decodes {@code data:<media type>;base64,<data>}. */
    static ImageBytes decodeDataUrl(String url) throws ProviderException {
        int comma = url.indexOf(',');
        String header = comma < 0 ? "" : url.substring(5, comma);
        if (comma < 0 || !header.endsWith(";base64")) {
            throw badImage("An image data URL must be 'data:<media type>;base64,<data>'.");
        }
        String mediaType = header.substring(0, header.length() - ";base64".length()).trim();
        if (!mediaType.startsWith("image/")) {
            throw badImage("An image data URL must have an image media type, not '" + mediaType + "'.");
        }
        try {
            return new ImageBytes(mediaType, Base64.getMimeDecoder().decode(url.substring(comma + 1)));
        } catch (IllegalArgumentException e) {
            throw badImage("An image data URL does not hold valid base64.");
        }
    }

    static ProviderException badImage(String message) {
        return new ProviderException(Kind.BAD_REQUEST, message);
    }
}
