package io.aigw.policy.route;

import java.time.Duration;

/**
 * A circuit breaker on each target (connection and model): it opens when at least {@code failureRatio} of the
 * requests in {@code window} failed, once {@code minRequests} were made in it; open, the target is skipped without a
 * call for {@code openFor}; then one probe is let through (half-open), and its outcome closes or reopens it.
 */
public record BreakerSpec(double failureRatio, int minRequests, Duration window, Duration openFor) {
}
