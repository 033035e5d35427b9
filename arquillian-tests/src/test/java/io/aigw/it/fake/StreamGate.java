package io.aigw.it.fake;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A one-shot barrier inside a {@code fake-gated-stream} response.
 *
 * <p>The fake sends the role chunk and the first content chunk ({@code "Hello "}), marks the gate
 * <em>reached</em>, then waits until a test calls {@link #release()} (at most 30 s) before sending the
 * rest. A test that has already seen {@code "Hello "} through the gateway while the gate is still closed
 * has proved that the gateway does not buffer the stream.
 */
public final class StreamGate {

    private final String id;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    StreamGate(String id) {
        this.id = id;
    }

    /** Returns the gate id (the {@code user} field of the request that uses it). */
    public String id() {
        return id;
    }

    /** Lets the held stream continue. Idempotent; may be called before the gate is reached. */
    public void release() {
        released.countDown();
    }

    /**
     * Waits until the fake has flushed the first content chunk and started waiting on this gate.
     *
     * @param timeout how long to wait at most
     * @return {@code true} if the gate was reached in time
     * @throws InterruptedException if the calling thread is interrupted
     */
    public boolean awaitReached(Duration timeout) throws InterruptedException {
        return reached.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Returns whether the fake has flushed the first content chunk of the gated stream. */
    public boolean isReached() {
        return reached.getCount() == 0;
    }

    /** Returns whether {@link #release()} has been called (or the server stopped). */
    public boolean isReleased() {
        return released.getCount() == 0;
    }

    void markReached() {
        reached.countDown();
    }

    boolean awaitRelease(Duration timeout) throws InterruptedException {
        return released.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
