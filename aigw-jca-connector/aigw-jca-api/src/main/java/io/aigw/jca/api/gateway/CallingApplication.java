package io.aigw.jca.api.gateway;

import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The deployed name of the application the current thread works for ({@code java:app/AppName}): set on request
 * threads, in EJB and CDI calls and on managed executors; absent on threads the container does not manage.
 */
public final class CallingApplication {

    private CallingApplication() {
    }

    /** The current application's name, or empty when the thread has no application context. */
    public static Optional<String> name() {
        try {
            Object name = new InitialContext().lookup("java:app/AppName");
            return name instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
        } catch (NamingException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
