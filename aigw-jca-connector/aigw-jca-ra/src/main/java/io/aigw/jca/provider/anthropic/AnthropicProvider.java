package io.aigw.jca.provider.anthropic;

import io.aigw.jca.provider.Provider;
import io.aigw.jca.provider.ProviderSession;
import io.aigw.jca.provider.ProviderSettings;
import io.aigw.jca.provider.UpstreamCredential;
import io.aigw.jca.provider.http.ReadWatchdog;
import io.aigw.jca.provider.http.UpstreamHttp;

/** One HTTP client per connection factory; a session is the API key it authenticates with. */
public final class AnthropicProvider implements Provider {

    private final ProviderSettings settings;
    private final UpstreamHttp http;

    public AnthropicProvider(ProviderSettings settings, ReadWatchdog watchdog) {
        this.settings = settings;
        this.http = new UpstreamHttp(settings, watchdog);
    }

    @Override
    public ProviderSession openSession(UpstreamCredential credential) {
        return new AnthropicSession(settings, http, credential);
    }

    @Override
    public void close() {
        http.close();
    }
}
