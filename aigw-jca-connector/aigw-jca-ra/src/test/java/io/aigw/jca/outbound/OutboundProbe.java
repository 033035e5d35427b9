package io.aigw.jca.outbound;

import io.aigw.jca.provider.Provider;
import jakarta.resource.ResourceException;

/** Lets tests of other packages reach what a connection factory shares between its managed connections. */
public final class OutboundProbe {

    private OutboundProbe() {
    }

    /** The factory's provider, created on first use as the container's first connection would. */
    public static Provider provider(AiManagedConnectionFactory factory) throws ResourceException {
        return factory.provider();
    }
}
