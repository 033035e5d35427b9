package io.aigw.policy.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * The time the policies read: wall-clock time for periods and prices, a monotonic clock for rate windows. Tests of
 * windows, resets and breakers give the policies a clock they move themselves instead of waiting real minutes.
 */
@ApplicationScoped
public class GatewayClock {

    /** The current instant. */
    public Instant now() {
        return Instant.now();
    }

    /** A monotonic time in nanoseconds (only differences mean anything). */
    public long nanos() {
        return System.nanoTime();
    }
}
