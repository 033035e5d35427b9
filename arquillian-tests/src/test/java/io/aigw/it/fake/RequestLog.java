package io.aigw.it.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The thread-safe, append-only list of every request the fake received, with waiting look-ups. */
final class RequestLog {

    private final List<RecordedRequest> requests = new ArrayList<>();

    /** Appends a request and wakes threads waiting in {@link #awaitLatest}. */
    synchronized void add(RecordedRequest request) {
        requests.add(request);
        notifyAll();
    }

    /** Returns a snapshot, oldest first. */
    synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(requests);
    }

    /** Returns the most recent matching request. */
    synchronized Optional<RecordedRequest> latest(Predicate<RecordedRequest> matching) {
        for (int i = requests.size() - 1; i >= 0; i--) {
            if (matching.test(requests.get(i))) {
                return Optional.of(requests.get(i));
            }
        }
        return Optional.empty();
    }

    /** Waits until a matching request has arrived, at most {@code timeout}, and returns the latest one. */
    synchronized Optional<RecordedRequest> awaitLatest(Predicate<RecordedRequest> matching, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<RecordedRequest> found = latest(matching);
        for (long left = timeout.toNanos(); found.isEmpty() && left > 0; left = deadline - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
            found = latest(matching);
        }
        return found;
    }
}
