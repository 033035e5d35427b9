package io.aigw.jca.api.gateway;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Where the running gateway is found. The user feature gives every application and the resource adapter one copy of
 * this class, so that the gateway application's registration is seen by all of them.
 */
public final class AiGateways {

    private static final AtomicReference<AiGateway> CURRENT = new AtomicReference<>();

    private AiGateways() {
    }

    /** Called by the gateway application when it starts; replaces an earlier registration. */
    public static void register(AiGateway gateway) {
        CURRENT.set(java.util.Objects.requireNonNull(gateway, "gateway"));
    }

    /** Called by the gateway application when it stops; a later registration is left alone. */
    public static void unregister(AiGateway gateway) {
        CURRENT.compareAndSet(gateway, null);
    }

    /** The running gateway. */
    public static AiGateway current() throws GatewayUnavailableException {
        AiGateway gateway = CURRENT.get();
        if (gateway == null) {
            throw new GatewayUnavailableException("The aigw gateway application is not running on this server, so "
                    + "AI calls cannot be governed and audited: start the aigw application (aigw-app.xml).");
        }
        return gateway;
    }
}
