package io.aigw.policy.quota;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A rate-limit figure shared by every server on the database: this server leases tokens from the shared bucket in
 * blocks (a sixteenth of the figure, or what a request needs) and serves requests from its lease without a database
 * round trip; {@link #flush()} gives the unused lease (or a debt of real usage above a reservation) back every second,
 * so the servers together never admit more than the one bucket holds. After a refused lease the server refuses
 * locally until the shared bucket can have refilled, so a flood of refused requests costs the database nothing.
 */
public final class LeasedBucket implements RateCounter {

    private static final Logger LOG = Logger.getLogger(LeasedBucket.class.getName());
    static final long BLOCK_FRACTION = 16;

    private final String counter;
    private final long capacity;
    private final SharedBucketRows rows;
    private final LongSupplier wallMillis;
    private long leased;
    private long sharedMilli;
    private long sharedAtMs;
    private long emptyUntilMs;

    public LeasedBucket(String counter, long capacity, SharedBucketRows rows, LongSupplier wallMillis) {
        this.counter = counter;
        this.capacity = capacity;
        this.rows = rows;
        this.wallMillis = wallMillis;
        this.sharedMilli = capacity * 1000;
        this.sharedAtMs = wallMillis.getAsLong();
    }

    @Override
    public long capacity() {
        return capacity;
    }

    @Override
    public synchronized boolean tryTake(long n, long now) {
        if (leased >= n) {
            leased -= n;
            return true;
        }
        long ms = wallMillis.getAsLong();
        if (ms < emptyUntilMs) {
            return false;
        }
        long need = n - leased;
        long want = Math.min(capacity, need + Math.max(1, capacity / BLOCK_FRACTION));
        SharedBucketRows.Lease lease;
        try {
            lease = rows.lease(counter, capacity, need, Math.max(need, want), ms);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Could not lease rate-limit tokens for " + counter, e);
            throw new GatewayException(Problem.QUOTA_STORE_UNAVAILABLE, "The quota store is unavailable, so the "
                    + "gateway cannot check the rate limits. Retry later.", null, Duration.ofSeconds(1), e);
        }
        sharedMilli = lease.leftMilli();
        sharedAtMs = ms;
        if (lease.granted() == 0) {
            emptyUntilMs = ms + millisUntil(need * 1000 - lease.leftMilli());
            return false;
        }
        leased += lease.granted() - n;
        return true;
    }

    @Override
    public synchronized void adjust(long delta, long now) {
        leased += delta;
    }

    @Override
    public synchronized long remaining(long now) {
        long total = leased * 1000 + shared(wallMillis.getAsLong());
        return Math.max(0, Math.min(capacity, Math.floorDiv(total, 1000)));
    }

    @Override
    public synchronized long nanosUntil(long n, long now) {
        long missingMilli = Math.min(n, capacity) * 1000 - (leased * 1000 + shared(wallMillis.getAsLong()));
        return missingMilli <= 0 ? 0 : millisUntil(missingMilli) * 1_000_000;
    }

    /** Tokens this server has leased and not used (negative: a debt not given back yet). */
    public synchronized long leased() {
        return leased;
    }

    /** Gives the unused lease (or the debt) back to the shared bucket. */
    public synchronized void flush() throws SQLException {
        if (leased == 0) {
            return;
        }
        long ms = wallMillis.getAsLong();
        rows.give(counter, capacity, leased, ms);
        sharedMilli = Math.min(capacity * 1000, shared(ms) + leased * 1000);
        sharedAtMs = ms;
        leased = 0;
        emptyUntilMs = 0;
    }

    /** The shared bucket as last seen, refilled to {@code ms}. */
    private long shared(long ms) {
        return SharedBucketRows.refill(sharedMilli, sharedAtMs, capacity, ms);
    }

    /** Milliseconds the shared bucket takes to refill {@code milli} thousandths of a token. */
    private long millisUntil(long milli) {
        return milli <= 0 ? 0 : (milli * 60 + capacity - 1) / capacity;
    }
}
