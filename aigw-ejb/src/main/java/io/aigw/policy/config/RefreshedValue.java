package io.aigw.policy.config;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A value loaded from the database and kept for the request path: loaded again when older than its refresh period
 * (changes made on another server sharing the database arrive within it) and at once after {@link #invalidate()}
 * (a change on this server). When it expires only by age, one thread reloads while the others go on with the previous
 * value; if a reload fails, the previous value stays in force (the first load's failure is thrown).
 *
 * @param <T> the loaded value
 */
public final class RefreshedValue<T> {

    private static final Logger LOG = Logger.getLogger(RefreshedValue.class.getName());

    private final String what;
    private final Supplier<T> loader;
    private final long refreshNanos;
    private final LongSupplier nanos;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicBoolean reloading = new AtomicBoolean();
    private volatile Loaded<T> loaded;

    private record Loaded<T>(T value, long at, long generation) {
    }

    /**
     * @param what    what is loaded, for the warning when a reload fails
     * @param loader  loads the value
     * @param refresh how long a value is kept
     * @param nanos   a monotonic clock ({@link GatewayClock#nanos()})
     */
    public RefreshedValue(String what, Supplier<T> loader, Duration refresh, LongSupplier nanos) {
        this.what = what;
        this.loader = loader;
        this.refreshNanos = Math.max(1, refresh.toNanos());
        this.nanos = nanos;
    }

    /** The value, loaded again first if it is stale. */
    public T get() {
        Loaded<T> l = loaded;
        long now = nanos.getAsLong();
        boolean current = l != null && l.generation() == generation.get();
        if (current && now - l.at() < refreshNanos) {
            return l.value();
        }
        if (current && !reloading.compareAndSet(false, true)) {
            return l.value(); // expired only by age and another thread is reloading: go on with this one
        }
        reloading.set(true);
        long seen = generation.get();
        try {
            Loaded<T> fresh = new Loaded<>(loader.get(), now, seen);
            loaded = fresh;
            return fresh.value();
        } catch (RuntimeException e) {
            if (l == null) {
                throw e;
            }
            LOG.log(Level.WARNING, "Could not reload the " + what + "; the previous ones stay in force", e);
            return l.value();
        } finally {
            reloading.set(false);
        }
    }

    /** Forgets the value: call once a change has committed. */
    public void invalidate() {
        generation.incrementAndGet();
    }
}
