package io.aigw.jca.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Hashtable;
import java.util.concurrent.atomic.AtomicInteger;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatewayCallersTest {

    /** The application the current thread works for, as the container would bind {@code java:app/AppName}. */
    static final ThreadLocal<String> APP = new ThreadLocal<>();
    static final AtomicInteger LOOKUPS = new AtomicInteger();

    private final ClassLoader original = Thread.currentThread().getContextClassLoader();
    private final ClassLoader gatewayEjb = new URLClassLoader(new URL[0]);
    private final ClassLoader gatewayWeb = new URLClassLoader(new URL[0]);
    private final ClassLoader shop = new URLClassLoader(new URL[0]);
    private final GatewayCallers callers = new GatewayCallers("aigw");

    /** A naming context that knows only {@code java:app/AppName}. */
    public static final class AppNameContexts implements InitialContextFactory {
        @Override
        public Context getInitialContext(Hashtable<?, ?> environment) {
            return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("lookup") && "java:app/AppName".equals(String.valueOf(args[0]))) {
                            LOOKUPS.incrementAndGet();
                            if (APP.get() == null) {
                                throw new NameNotFoundException("no application context");
                            }
                            return APP.get();
                        }
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    @BeforeEach
    void naming() {
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, AppNameContexts.class.getName());
        LOOKUPS.set(0);
    }

    @AfterEach
    void restore() {
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        Thread.currentThread().setContextClassLoader(original);
        APP.remove();
    }

    @Test
    void onlyTheGatewayApplicationIsTheGateway() {
        assertThat(as("aigw", gatewayEjb)).isTrue();
        assertThat(as("shop", shop)).isFalse();
        assertThat(as(null, shop)).as("a thread without an application context").isFalse();
        assertThat(as("aigw-lookalike", shop)).isFalse();
    }

    @Test
    void theGatewaysModuleLoadersAreRecognisedWithoutALookupOnceSeen() {
        assertThat(as("aigw", gatewayEjb)).isTrue();
        assertThat(as("aigw", gatewayWeb)).isTrue();
        LOOKUPS.set(0);
        for (int i = 0; i < 100; i++) {
            assertThat(as("aigw", i % 2 == 0 ? gatewayEjb : gatewayWeb)).isTrue();
        }
        assertThat(LOOKUPS).hasValue(0);
    }

    @Test
    void anotherApplicationIsAskedEveryTimeAndNeverRememberedAsTheGateway() {
        assertThat(as("aigw", gatewayEjb)).isTrue();
        LOOKUPS.set(0);
        assertThat(as("shop", shop)).isFalse();
        assertThat(as("shop", shop)).isFalse();
        assertThat(LOOKUPS).hasValue(2);
    }

    private boolean as(String application, ClassLoader loader) {
        APP.set(application);
        Thread.currentThread().setContextClassLoader(loader);
        return callers.gatewayIsCalling();
    }
}
