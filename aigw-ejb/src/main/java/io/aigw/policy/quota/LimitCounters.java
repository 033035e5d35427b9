package io.aigw.policy.quota;

import dev.failsafe.Bulkhead;
import io.aigw.policy.config.GatewaySettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The counters of the limits in force: a {@link LeasedBucket} per requests or tokens figure (shared with every server
 * on the database; a {@link TokenBucket} in memory when there is none, as in unit tests), and a Failsafe
 * {@link Bulkhead} per concurrency figure (this server's requests in flight). A changed figure gets a counter of its
 * own, starting full.
 */
@ApplicationScoped
public class LimitCounters {

    private static final Logger LOG = Logger.getLogger(LimitCounters.class.getName());

    @Resource(lookup = "jdbc/aigw")
    DataSource dataSource;

    @Inject
    GatewaySettings settings;

    private SharedBucketRows shared;
    private final Map<String, RateCounter> buckets = new ConcurrentHashMap<>();
    private final Map<String, Bulkhead<Object>> bulkheads = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        if (dataSource != null) {
            share(new SharedBucketRows(dataSource, (int) Math.max(1, settings.auditStatementTimeout().toSeconds())));
        }
    }

    /** Makes the requests and tokens figures shared through {@code rows} (what {@link #init()} does). */
    void share(SharedBucketRows rows) {
        this.shared = rows;
    }

    /** The counter of a requests or tokens figure. */
    public RateCounter bucket(AppliedLimit limit, long now) {
        return buckets.computeIfAbsent(limit.counter(), k -> shared == null ? new TokenBucket(limit.value(), now)
                : new LeasedBucket(k, limit.value(), shared, System::currentTimeMillis));
    }

    /** The counter of a figure if this server has one (it has served a request under it), else {@code null}. */
    public RateCounter peek(AppliedLimit limit) {
        return buckets.get(limit.counter());
    }

    /**
     * What a figure has left now across every server: the shared bucket as the database has it, plus this server's
     * unused lease (other servers' leases, at most a second old, are not counted).
     */
    public long remainingNow(AppliedLimit limit) {
        RateCounter local = buckets.get(limit.counter());
        if (shared == null) {
            return local == null ? limit.value() : local.remaining(System.nanoTime());
        }
        try {
            long milli = shared.peek(limit.counter(), limit.value(), System.currentTimeMillis());
            long leased = local instanceof LeasedBucket l ? l.leased() : 0;
            return Math.max(0, Math.min(limit.value(), Math.floorDiv(milli, 1000) + leased));
        } catch (SQLException e) {
            throw new io.aigw.policy.GatewayException(io.aigw.policy.Problem.QUOTA_STORE_UNAVAILABLE, "The quota "
                    + "store is unavailable; retry later.", null, java.time.Duration.ofSeconds(1), e);
        }
    }

    /** The bulkhead of a concurrency figure. */
    public Bulkhead<Object> bulkhead(AppliedLimit limit) {
        return bulkheads.computeIfAbsent(limit.counter(), k -> Bulkhead.of((int) Math.min(Integer.MAX_VALUE,
                limit.value())));
    }

    /** Gives every unused lease back to the shared buckets (each second, and when the application stops). */
    public void flush() {
        for (RateCounter c : buckets.values()) {
            if (c instanceof LeasedBucket leased) {
                try {
                    leased.flush();
                } catch (SQLException e) {
                    LOG.log(Level.WARNING, "Could not give back a rate-limit lease; retried at the next flush", e);
                }
            }
        }
    }
}
