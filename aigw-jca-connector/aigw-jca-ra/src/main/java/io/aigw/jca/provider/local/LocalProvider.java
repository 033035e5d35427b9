package io.aigw.jca.provider.local;

import io.aigw.jca.provider.LocalModels;
import io.aigw.jca.provider.Provider;
import io.aigw.jca.provider.ProviderSession;
import io.aigw.jca.provider.ProviderSettings;
import io.aigw.jca.provider.UpstreamCredential;
import java.nio.file.Path;

/**
 * In-process models. The embedding models belong to the resource adapter and are shared by every local connection
 * factory; the GGUF chat model (property {@code modelPath}) belongs to this provider, that is to one connection
 * factory, and is loaded once on first use, with one inference slot per managed connection.
 */
public final class LocalProvider implements Provider {

    private final ProviderSettings settings;
    private final LocalModels models;
    private final GgufChatModel chatModel;

    public LocalProvider(ProviderSettings settings, LocalModels models) {
        this.settings = settings;
        this.models = models;
        this.chatModel = settings.localModel().configured()
                ? new GgufChatModel(settings.connectionName(), chatModelId(settings), settings.localModel()) : null;
        if (!settings.cacheDirectory().isBlank() && System.getProperty("DJL_CACHE_DIR") == null) {
            // the tokenizer's native library is extracted here instead of the user's home folder
            System.setProperty("DJL_CACHE_DIR", settings.cacheDirectory());
        }
    }

    /** The first configured model that is not an embedding model, else the GGUF file name without extension. */
    static String chatModelId(ProviderSettings settings) {
        return settings.models().stream().filter(m -> !m.contains("embed") && !m.equals(MiniLmEmbeddingModels.MODEL_ID))
                .findFirst().orElseGet(() -> {
                    String file = Path.of(settings.localModel().modelPath()).getFileName().toString();
                    int dot = file.lastIndexOf('.');
                    return dot > 0 ? file.substring(0, dot) : file;
                });
    }

    @Override
    public ProviderSession openSession(UpstreamCredential credential) {
        return new LocalSession(settings, models, chatModel);
    }

    /** The chat model, or {@code null} when none is configured. */
    GgufChatModel chatModel() {
        return chatModel;
    }

    /** Closes the chat model (the embedding models are released by the resource adapter when it stops). */
    @Override
    public void close() {
        if (chatModel != null) {
            chatModel.close();
        }
    }
}
