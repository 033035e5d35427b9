package io.aigw.policy.routing;

import dev.failsafe.CircuitBreaker;
import io.aigw.policy.route.BreakerSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Failsafe circuit breaker per target (connection and model), shared by every route that uses the target with
 * the same breaker settings (a route with other settings replaces it, starting closed). Kept in memory: the state is
 * this server's view of the upstream, and reading it costs no database round trip.
 */
@ApplicationScoped
public class TargetBreakers {

    private final Map<String, Held> breakers = new ConcurrentHashMap<>();

    private record Held(BreakerSpec spec, CircuitBreaker<Object> breaker) {
    }

    /** The breaker of {@code qualified} under {@code spec}, or {@code null} when the route has none. */
    public CircuitBreaker<Object> of(String qualified, BreakerSpec spec) {
        if (spec == null) {
            return null;
        }
        Held held = breakers.get(qualified);
        if (held == null || !held.spec().equals(spec)) {
            held = breakers.compute(qualified, (k, old) -> old != null && old.spec().equals(spec) ? old
                    : new Held(spec, build(spec)));
        }
        return held.breaker();
    }

    /** Every breaker's state ({@code closed}, {@code open}, {@code half_open}) by target. */
    public Map<String, String> states() {
        Map<String, String> out = new TreeMap<>();
        breakers.forEach((target, held) -> out.put(target, state(held.breaker())));
        return out;
    }

    /** A breaker's state as the API writes it. */
    public static String state(CircuitBreaker<Object> breaker) {
        return switch (breaker.getState()) {
            case CLOSED -> "closed";
            case OPEN -> "open";
            case HALF_OPEN -> "half_open";
        };
    }

    static CircuitBreaker<Object> build(BreakerSpec spec) {
        int percent = Math.max(1, Math.min(100, java.math.BigDecimal.valueOf(spec.failureRatio()).movePointRight(2)
                .setScale(0, java.math.RoundingMode.CEILING).intValue()));
        return CircuitBreaker.builder().withFailureRateThreshold(percent, spec.minRequests(), spec.window())
                .withDelay(spec.openFor()).withSuccessThreshold(1).build();
    }
}
