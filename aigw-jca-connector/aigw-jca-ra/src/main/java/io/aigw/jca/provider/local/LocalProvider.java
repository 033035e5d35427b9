package io.aigw.jca.provider.local;

import io.aigw.jca.provider.LocalModels;
import io.aigw.jca.provider.Provider;
import io.aigw.jca.provider.ProviderSession;
import io.aigw.jca.provider.ProviderSettings;
import io.aigw.jca.provider.UpstreamCredential;

/** In-process models; the models themselves belong to the resource adapter and are loaded once. */
public final class LocalProvider implements Provider {

    private final ProviderSettings settings;
    private final LocalModels models;

    public LocalProvider(ProviderSettings settings, LocalModels models) {
        this.settings = settings;
        this.models = models;
        if (!settings.cacheDirectory().isBlank() && System.getProperty("DJL_CACHE_DIR") == null) {
            // the tokenizer's native library is extracted here instead of the user's home folder
            System.setProperty("DJL_CACHE_DIR", settings.cacheDirectory());
        }
    }

    @Override
    public ProviderSession openSession(UpstreamCredential credential) {
        return new LocalSession(settings, models);
    }

    @Override
    public void close() {
        // the models are released by the resource adapter when it stops
    }
}
