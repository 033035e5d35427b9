package io.aigw.cdi.internal;

import io.openliberty.cdi.spi.CDIExtensionMetadata;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/** Adds {@link AiClientProducer} to every CDI application of the server (a Declarative Services component). */
@Component(service = CDIExtensionMetadata.class, configurationPolicy = ConfigurationPolicy.IGNORE, immediate = true)
public class AiCdiExtensionMetadata implements CDIExtensionMetadata {

    @Override
    public Set<Class<?>> getBeanClasses() {
        return Set.of(AiClientProducer.class);
    }
}
