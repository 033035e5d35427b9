package io.aigw.langchain4j.cdi;

import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The governed models declared in the application's MicroProfile Config. The only class of this jar that links to
 * MicroProfile Config, so that an application without it fails here (with {@link NoClassDefFoundError}) and nowhere
 * else.
 */
final class MicroProfileModels {

    private MicroProfileModels() {
    }

    /** The bindings of the calling application's configuration. */
    static List<ModelBinding> read() {
        Config config = ConfigProvider.getConfig();
        return ConfiguredModels.from(config.getPropertyNames(), name -> config.getOptionalValue(name, String.class));
    }
}
