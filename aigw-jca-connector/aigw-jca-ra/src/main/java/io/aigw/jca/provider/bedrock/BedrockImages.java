package io.aigw.jca.provider.bedrock;

import io.aigw.codec.bedrock.ConverseImage;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ContentPart;
import io.aigw.jca.api.ImagePart;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.provider.http.ImageBytes;
import io.aigw.jca.provider.http.ImageFetcher;
import java.util.HashMap;
import java.util.Map;

/** Loads the images of a request as Converse wants them (bytes in one of four formats) before it is encoded. */
final class BedrockImages {

    private final ImageFetcher fetcher;

    BedrockImages(ImageFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** Every image part of the request, loaded; an image in a format Converse does not take is a bad request. */
    Map<ImagePart, ConverseImage> load(ChatRequest request) throws ProviderException {
        Map<ImagePart, ConverseImage> images = new HashMap<>();
        io.aigw.jca.provider.http.ImageFetcher.Budget budget = fetcher.budget();
        for (ChatMessage m : request.messages()) {
            for (ContentPart part : m.content()) {
                if (part instanceof ImagePart img && !images.containsKey(img)) {
                    ImageBytes bytes = fetcher.load(img, budget);
                    String format = ConverseImage.formatOf(bytes.mediaType());
                    if (format == null) {
                        throw new ProviderException(Kind.BAD_REQUEST, "Bedrock takes PNG, JPEG, GIF or WebP images, not '"
                                + bytes.mediaType() + "'.");
                    }
                    images.put(img, new ConverseImage(format, bytes.base64()));
                }
            }
        }
        return images;
    }
}
