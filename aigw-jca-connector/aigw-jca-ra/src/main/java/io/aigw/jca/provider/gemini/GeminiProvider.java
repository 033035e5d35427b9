package io.aigw.jca.provider.gemini;

import io.aigw.jca.provider.Provider;
import io.aigw.jca.provider.ProviderSession;
import io.aigw.jca.provider.ProviderSettings;
import io.aigw.jca.provider.UpstreamCredential;
import io.aigw.jca.provider.http.ImageFetcher;
import io.aigw.jca.provider.http.ReadWatchdog;
import io.aigw.jca.provider.http.UpstreamHttp;

/** One HTTP client and image fetcher per connection factory; a session is the API key it authenticates with. */
public final class GeminiProvider implements Provider {

    /** The Gemini API's base URL, for the connection factory's {@code baseUrl}. */
    public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";

    private final ProviderSettings settings;
    private final UpstreamHttp http;
    private final ImageFetcher images;

    public GeminiProvider(ProviderSettings settings, ReadWatchdog watchdog) {
        this.settings = settings;
        this.http = new UpstreamHttp(settings, watchdog);
        this.images = new ImageFetcher(settings.connectionName(), settings.imageFetch(), settings.proxy());
    }

    @Override
    public ProviderSession openSession(UpstreamCredential credential) {
        return new GeminiSession(settings, http, images, credential);
    }

    @Override
    public void close() {
        http.close();
    }
}
