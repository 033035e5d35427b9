package io.aigw.jca.provider.bedrock;

import io.aigw.jca.provider.Provider;
import io.aigw.jca.provider.ProviderSession;
import io.aigw.jca.provider.ProviderSettings;
import io.aigw.jca.provider.UpstreamCredential;
import io.aigw.jca.provider.http.ImageFetcher;
import io.aigw.jca.provider.http.ReadWatchdog;
import io.aigw.jca.provider.http.UpstreamHttp;
import java.time.Clock;

/**
 * One HTTP client per connection factory, aimed at the region's Bedrock runtime endpoint unless a base URL is set; a
 * session is the credential it signs (or authenticates) with.
 */
public final class BedrockProvider implements Provider {

    private final ProviderSettings settings;
    private final UpstreamHttp http;
    private final ImageFetcher images;
    private final Clock clock;

    public BedrockProvider(ProviderSettings settings, ReadWatchdog watchdog) {
        this(settings, watchdog, Clock.systemUTC());
    }

    /** @param clock the clock requests are signed with (tests fix it) */
    public BedrockProvider(ProviderSettings settings, ReadWatchdog watchdog, Clock clock) {
        this.settings = BedrockEndpoint.resolve(settings);
        this.http = new UpstreamHttp(this.settings, watchdog);
        this.images = new ImageFetcher(settings.connectionName(), settings.imageFetch(), settings.proxy());
        this.clock = clock;
    }

    @Override
    public ProviderSession openSession(UpstreamCredential credential) {
        return new BedrockSession(settings, http, credential, new BedrockImages(images),
                BedrockAuthorization.of(credential, settings.region(), clock));
    }

    @Override
    public void close() {
        http.close();
    }
}
