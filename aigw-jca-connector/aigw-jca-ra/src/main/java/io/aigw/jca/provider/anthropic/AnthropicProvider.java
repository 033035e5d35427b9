package io.aigw.jca.provider.anthropic;

import io.aigw.jca.provider.Provider;
import io.aigw.jca.provider.ProviderSession;
import io.aigw.jca.provider.ProviderSettings;
import io.aigw.jca.provider.UpstreamCredential;
import io.aigw.jca.provider.http.ReadWatchdog;
import io.aigw.jca.provider.http.UpstreamHttp;

/**
 * One HTTP client per connection factory; a session is the API key it authenticates with. The base URL is taken in
 * either form users meet: aigw's ({@code https://api.anthropic.com/v1}) or the Anthropic SDKs'
 * ({@code ANTHROPIC_BASE_URL=https://api.anthropic.com}, to which the SDKs add {@code /v1}).
 */
public final class AnthropicProvider implements Provider {

    private final ProviderSettings settings;
    private final UpstreamHttp http;

    public AnthropicProvider(ProviderSettings settings, ReadWatchdog watchdog) {
        this.settings = settings.withBaseUrl(versioned(settings.baseUrl()));
        this.http = new UpstreamHttp(this.settings, watchdog);
    }

    @Override
    public ProviderSession openSession(UpstreamCredential credential) {
        return new AnthropicSession(settings, http, credential);
    }

    /** The base URL with the API version path: {@code /v1} added unless it already ends with it. */
    static String versioned(String baseUrl) {
        String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return trimmed.endsWith("/v1") ? trimmed : trimmed + "/v1";
    }

    @Override
    public void close() {
        http.close();
    }
}
