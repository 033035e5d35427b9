package io.aigw.jca.outbound;

import io.aigw.jca.api.gateway.CallingApplication;
import java.lang.ref.WeakReference;

/**
 * Tells the gateway application's calls from everyone else's: only the application named by the adapter's
 * {@code gatewayApplication} property gets connections to the upstream itself; every other application gets
 * {@link GovernedConnection}s. The gateway's class loader, once seen, makes the check one comparison.
 */
final class GatewayCallers {

    private final String gatewayApplication;
    private volatile WeakReference<ClassLoader> gatewayLoader = new WeakReference<>(null);

    GatewayCallers(String gatewayApplication) {
        this.gatewayApplication = gatewayApplication;
    }

    /** Whether the current thread works for the gateway application. */
    boolean gatewayIsCalling() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context == gatewayLoader.get()) {
            return true;
        }
        boolean gateway = CallingApplication.name().map(gatewayApplication::equals).orElse(false);
        if (gateway && context != null) {
            gatewayLoader = new WeakReference<>(context);
        }
        return gateway;
    }
}
