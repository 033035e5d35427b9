package io.aigw.jca.provider.http;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closes response bodies that stall: one sweep every {@value #SWEEP_MILLIS} ms over the reads in progress closes
 * those whose idle time (since the last {@link Watch#touch()}) or total time ran out; it also aborts exchanges whose
 * response headers are late. Runs on a timer from the resource adapter's bootstrap context (a {@link Timer}, which
 * the JCA contract provides): every task is guarded, so that nothing one watched body or upkeep task throws can end
 * the timer, and with it every timeout of the server.
 */
public final class ReadWatchdog {

    static final long SWEEP_MILLIS = 50;
    private static final Logger LOG = Logger.getLogger(ReadWatchdog.class.getName());

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final Timer timer;

    /** @param timer the timer to sweep on (the resource adapter's); cancelled by its owner */
    public ReadWatchdog(Timer timer) {
        this.timer = timer;
        timer.scheduleAtFixedRate(new TimerTask() {
            @Override
            public void run() {
                try {
                    sweep(System.nanoTime());
                } catch (RuntimeException | LinkageError e) {
                    LOG.log(Level.WARNING, "aigw read watchdog sweep failed", e);
                }
            }
        }, SWEEP_MILLIS, SWEEP_MILLIS);
    }

    /** Watches a body from now on: closes it after {@code idle} without a touch or {@code total} in all. */
    public Watch watch(Closeable body, Duration idle, Duration total) {
        Watch w = new Watch(body, idle.toNanos(), System.nanoTime() + total.toNanos());
        watches.add(w);
        return w;
    }

    /**
     * Runs {@code task} every {@code period} on the watchdog's timer (upkeep such as closing idle connections) until
     * the returned task is cancelled. A failing run is logged and does not stop the timer.
     */
    public TimerTask every(Duration period, Runnable task) {
        TimerTask t = new TimerTask() {
            @Override
            public void run() {
                try {
                    task.run();
                } catch (RuntimeException | LinkageError e) {
                    LOG.log(Level.WARNING, "aigw upkeep task failed", e);
                }
            }
        };
        timer.scheduleAtFixedRate(t, period.toMillis(), period.toMillis());
        return t;
    }

    /** Stops the sweeps. */
    public void stop() {
        timer.cancel();
    }

    void sweep(long now) {
        for (Watch w : watches) {
            try {
                w.checkAt(now);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "closing a stalled upstream body failed", e);
            }
        }
    }

    /** Why a watched body was closed. */
    public enum Expiry { IDLE, TOTAL }

    /** One watched read. Closing it ends the watch. */
    public final class Watch implements AutoCloseable {
        private final Closeable body;
        private final long idleNanos;
        private final long deadline;
        private volatile long lastTouch = System.nanoTime();
        private volatile Expiry expired;

        private Watch(Closeable body, long idleNanos, long deadline) {
            this.body = body;
            this.idleNanos = idleNanos;
            this.deadline = deadline;
        }

        /** Data arrived: the idle time starts again. */
        public void touch() {
            lastTouch = System.nanoTime();
        }

        /** Why the body was closed by the watchdog, or {@code null} if it was not. */
        public Expiry expired() {
            return expired;
        }

        void checkAt(long now) {
            Expiry e = now - deadline >= 0 ? Expiry.TOTAL : now - lastTouch >= idleNanos ? Expiry.IDLE : null;
            if (e != null && expired == null) {
                expired = e;
                watches.remove(this);
                try {
                    body.close();
                } catch (IOException ignored) {
                    // the reader sees the end of the body and asks expired()
                }
            }
        }

        @Override
        public void close() {
            watches.remove(this);
        }
    }
}
