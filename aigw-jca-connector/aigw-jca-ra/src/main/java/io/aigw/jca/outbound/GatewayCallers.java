package io.aigw.jca.outbound;

import io.aigw.jca.api.gateway.CallingApplication;
import java.lang.ref.WeakReference;

/**
 * Tells the gateway application's calls from everyone else's: only the application named by the adapter's
 * {@code gatewayApplication} property gets connections to the upstream itself; every other application gets
 * {@link GovernedConnection}s. The gateway's class loaders (its EJB and web modules have their own), once seen, make
 * the check a comparison or two.
 */
final class GatewayCallers {

    private final String gatewayApplication;
    private static final int KEPT_LOADERS = 4;

    private volatile java.util.List<WeakReference<ClassLoader>> gatewayLoaders = java.util.List.of();

    GatewayCallers(String gatewayApplication) {
        this.gatewayApplication = gatewayApplication;
    }

    /** Whether the current thread works for the gateway application. */
    boolean gatewayIsCalling() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            for (WeakReference<ClassLoader> known : gatewayLoaders) {
                if (known.get() == context) {
                    return true;
                }
            }
        }
        boolean gateway = CallingApplication.name().map(gatewayApplication::equals).orElse(false);
        if (gateway && context != null) {
            remember(context);
        }
        return gateway;
    }

    /** Keeps the loader (the most recent few, weakly: a redeployed gateway's old loaders go). */
    private synchronized void remember(ClassLoader loader) {
        java.util.List<WeakReference<ClassLoader>> kept = new java.util.ArrayList<>();
        kept.add(new WeakReference<>(loader));
        for (WeakReference<ClassLoader> known : gatewayLoaders) {
            if (known.get() != null && known.get() != loader && kept.size() < KEPT_LOADERS) {
                kept.add(known);
            }
        }
        gatewayLoaders = java.util.List.copyOf(kept);
    }
}
