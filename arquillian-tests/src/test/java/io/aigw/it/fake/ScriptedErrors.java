package io.aigw.it.fake;

import java.time.Duration;
import java.util.Map;

/**
 * How one fake answers a {@link ScriptedFaults scripted} failure: the provider's own error reply for an HTTP status,
 * in its real wire format. Each fake passes its error class's {@code scripted(int, Duration)} factory to
 * {@link FakeServer}; the factory only picks among the errors its class already builds for {@code fault-*} models.
 */
@FunctionalInterface
interface ScriptedErrors {

    /**
     * Returns the error the fake throws for a scripted failure, for its router to write.
     *
     * @param status     the HTTP status the test asked for
     * @param retryAfter the {@code Retry-After} to send, or {@code null} for none
     * @return the provider's error for that status, carrying the {@code Retry-After} header when given
     * @throws IllegalArgumentException if the provider has no error of that status
     */
    RuntimeException error(int status, Duration retryAfter);

    /**
     * The {@code retry-after} header for a duration, in whole seconds rounded up as providers send it.
     *
     * @param retryAfter the duration, or {@code null}
     * @return {@code {"retry-after": seconds}}, or an empty map for {@code null}
     */
    static Map<String, String> retryAfterHeader(Duration retryAfter) {
        return retryAfter == null ? Map.of() : Map.of("retry-after", Long.toString(seconds(retryAfter)));
    }

    /** The duration in whole seconds, rounded up. */
    static long seconds(Duration retryAfter) {
        long seconds = retryAfter.toSeconds();
        return retryAfter.toNanosPart() > 0 ? seconds + 1 : seconds;
    }

    /** The failure of a factory asked for a status its provider's fake cannot answer. */
    static IllegalArgumentException unsupported(String provider, int status, String supported) {
        return new IllegalArgumentException("The fake " + provider + " server has no error reply for HTTP " + status
                + "; it can script " + supported + ".");
    }
}
