package io.aigw.policy.alert;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When a delivery's attempts are made: attempt {@code n} (from 1) waits {@code delays[n-1]} after the attempt before
 * it failed, or longer when the receiver answered {@code Retry-After} (capped at {@link #MAX_RETRY_AFTER}). Network
 * errors, timeouts, 5xx and 429 are retried; any other answer ends the delivery.
 *
 * @param delays the wait before each attempt; its size is the number of attempts
 */
public record RetrySchedule(List<Duration> delays) {

    /** The longest {@code Retry-After} honoured. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    public RetrySchedule {
        delays = List.copyOf(delays);
        if (delays.isEmpty() || delays.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("a retry schedule needs at least one non-negative delay");
        }
    }

    static RetrySchedule of(List<Duration> delays) {
        return new RetrySchedule(delays);
    }

    /** How many attempts a delivery gets. */
    public int attempts() {
        return delays.size();
    }

    /** Whether an attempt that ended with {@code status} ({@code 0}: no answer) is worth another. */
    public static boolean retryable(int status) {
        return status == 0 || status == 429 || status >= 500;
    }

    /**
     * How long to wait before the attempt after attempt {@code done} (from 1), or empty when none is left.
     *
     * @param retryAfter what the receiver asked for, if anything
     */
    public Optional<Duration> next(int done, Duration retryAfter) {
        if (done >= delays.size()) {
            return Optional.empty();
        }
        Duration planned = delays.get(done);
        if (retryAfter != null && retryAfter.compareTo(planned) > 0) {
            return Optional.of(retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter);
        }
        return Optional.of(planned);
    }

    /** A {@code Retry-After} header's seconds (an HTTP date is not honoured), or {@code null}. */
    public static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
