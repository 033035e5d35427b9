package io.aigw.web.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Settings of the HTTP edge (MicroProfile Config). */
@ApplicationScoped
public class WebSettings {

    @Inject
    @ConfigProperty(name = "aigw.http.max-request-bytes", defaultValue = "8388608")
    long maxRequestBytes;

    @Inject
    @ConfigProperty(name = "aigw.console.enabled", defaultValue = "true")
    boolean consoleEnabled;

    @Inject
    @ConfigProperty(name = "aigw.console.idle-timeout", defaultValue = "PT30M")
    java.time.Duration consoleIdleTimeout;

    /** The largest request body accepted, chunked bodies included; larger ones get 413. */
    public long maxRequestBytes() {
        return maxRequestBytes;
    }

    /** Whether {@code /console/} serves the admin console. */
    public boolean consoleEnabled() {
        return consoleEnabled;
    }

    /** How long the console stays signed in without the user's input (at least a minute). */
    public java.time.Duration consoleIdleTimeout() {
        return consoleIdleTimeout.compareTo(java.time.Duration.ofMinutes(1)) < 0 ? java.time.Duration.ofMinutes(1)
                : consoleIdleTimeout;
    }
}
