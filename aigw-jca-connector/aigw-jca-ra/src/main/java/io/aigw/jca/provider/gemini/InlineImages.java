package io.aigw.jca.provider.gemini;

import io.aigw.codec.gemini.GeminiImages;
import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ContentPart;
import io.aigw.jca.api.ImagePart;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.provider.http.ImageBytes;
import io.aigw.jca.provider.http.ImageFetcher;
import java.util.HashMap;
import java.util.Map;

/**
 * The images of a request loaded by the {@link ImageFetcher} before encoding, as the codec's {@link GeminiImages}:
 * loading may fail with a {@link ProviderException}, which the codec's resolver cannot throw.
 */
final class InlineImages implements GeminiImages {

    private final Map<String, InlineImage> byUrl = new HashMap<>();

    private InlineImages() {
    }

    /** Loads every image of the request's messages once. */
    static InlineImages load(ChatRequest request, ImageFetcher fetcher) throws ProviderException {
        InlineImages images = new InlineImages();
        ImageFetcher.Budget budget = fetcher.budget();
        for (ChatMessage m : request.messages()) {
            for (ContentPart p : m.content()) {
                if (p instanceof ImagePart image && !images.byUrl.containsKey(image.url())) {
                    ImageBytes bytes = fetcher.load(image, budget);
                    images.byUrl.put(image.url(), new InlineImage(bytes.mediaType(), bytes.base64()));
                }
            }
        }
        return images;
    }

    @Override
    public InlineImage resolve(ImagePart image) {
        InlineImage loaded = byUrl.get(image.url());
        if (loaded == null) {
            throw new IllegalStateException("image was not loaded before encoding");
        }
        return loaded;
    }
}
