package io.aigw.policy.route;

import java.time.Duration;

/**
 * Retries of one target before falling back.
 *
 * @param maxAttempts          tries of a target in all (1: no retry)
 * @param backoff              the wait before the first retry, doubled for each further one, with jitter
 * @param honorRetryAfterUpTo  the longest upstream {@code Retry-After} waited for; a longer one moves on at once
 */
public record RetryPolicy(int maxAttempts, Duration backoff, Duration honorRetryAfterUpTo) {

    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ofMillis(200), Duration.ofSeconds(10));
}
