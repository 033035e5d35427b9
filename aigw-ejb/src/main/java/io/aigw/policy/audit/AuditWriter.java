package io.aigw.policy.audit;

import io.aigw.policy.auth.KeyHasher;
import io.aigw.policy.config.GatewaySettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit into this node's hash chain. Writers queue events (the queue is bounded: beyond
 * {@code aigw.audit.queue-capacity} a writer waits, then is refused); whoever holds the commit permit commits
 * everything queued in one transaction, and a background flusher commits events nobody waits for yet (a request's
 * accepted event, written while its provider works) after leaving them 2 ms for a commit that comes anyway (a fast
 * provider's outcome). Failed authentications are summarised per client address and second
 * ({@link AuthFailureSummary}) instead of each waiting for a commit. A batch the database refuses is retried event by event, and an
 * event that still fails is stored in a minimal sanitised form, so one request never fails another's audit. Every
 * event taken into a batch is marked done or failed whatever is thrown.
 *
 * <p>Health: from the first failed commit the writer is unavailable and requests are refused before any provider
 * call ({@link AuditGate}); a probe of the database (at most once per {@code aigw.audit.probe-interval}, or from the
 * readiness check) makes it available again.
 */
@ApplicationScoped
public class AuditWriter {

    private static final Logger LOG = Logger.getLogger(AuditWriter.class.getName());
    private static final String CHAIN_PURPOSE = "aigw-audit-chain-v1";
    /** How long the flusher leaves a queued event for a commit that may come anyway. */
    private static final long LINGER_NANOS = 2_000_000;
    /** How often the flusher looks for authentication-failure summaries whose second is over. */
    private static final long SUMMARY_NANOS = 1_000_000_000;

    @Inject
    AuditStore store;

    @Inject
    NodeIdentity node;

    @Inject
    GatewaySettings settings;

    @Inject
    KeyHasher hasher;

    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AuthFailureSummary authFailures = new AuthFailureSummary();
    /** The commit permit: whoever holds it commits, links events and may move the chain head. */
    private final Semaphore commitPermit = new Semaphore(1);
    private Semaphore capacity;
    private int queueCapacity;
    /** How long group commits take (seconds), for {@code aigw_audit_commit_duration_seconds}. */
    private final io.aigw.policy.telemetry.Histogram commitSeconds = new io.aigw.policy.telemetry.Histogram(
            new double[]{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5});
    private AuditChain chain;
    private long waitNanos;
    private long probeIntervalNanos;
    private Duration retryAfter;

    // guarded by commitPermit; seq < 0: read the head from the database before the next commit
    private long headSeq = -1;
    private String headHash;

    private volatile boolean available = true;
    private volatile Throwable lastFailure;
    private volatile long nextProbeAt;
    private volatile boolean running;
    private Thread flusher;

    /** An event queued for commit. */
    public static final class Pending {
        final AuditRecord event;
        volatile boolean done;
        volatile Throwable failure;

        Pending(AuditRecord event) {
            this.event = event;
        }
    }

    /**
     * Work done with the commit permit held and the chain head known, in one transaction on {@code connection} that
     * the writer commits; it returns the event to append (linked by the writer) or {@code null}.
     */
    interface ChainWork {
        AuditRecord apply(java.sql.Connection connection, AuditStore.Head head) throws SQLException;
    }

    @PostConstruct
    void init() {
        configure(new AuditChain(hasher.derive(CHAIN_PURPOSE)), settings.auditQueueCapacity(),
                settings.auditStatementTimeout(), settings.auditProbeInterval());
    }

    /** Sets what {@link #init()} takes from configuration, and starts the flusher. */
    void configure(AuditChain chain, int queueCapacity, Duration wait, Duration probeInterval) {
        this.chain = chain;
        this.retryAfter = probeInterval;
        capacity = new Semaphore(queueCapacity);
        this.queueCapacity = queueCapacity;
        waitNanos = wait.toNanos();
        probeIntervalNanos = probeInterval.toNanos();
        running = true;
        flusher = new Thread(this::flushLoop, "aigw-audit-flusher");
        flusher.setDaemon(true);
        flusher.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        LockSupport.unpark(flusher);
    }

    /** The chain this writer links events with (verification recomputes it). */
    AuditChain chain() {
        return chain;
    }

    /** Queues the event and returns at once; the flusher (or the next commit of anyone) makes it durable. */
    public Pending enqueue(AuditRecord event) throws AuditUnavailableException {
        Pending p = offer(event);
        LockSupport.unpark(flusher);
        return p;
    }

    /**
     * Counts a request that failed authentication into its address's summary for the current second (no durable
     * record of its own); summaries are committed once their second is over.
     */
    public void summariseAuthFailure(io.aigw.policy.chain.Exchange exchange) throws AuditUnavailableException {
        for (AuditRecord closed : authFailures.add(exchange)) {
            offer(closed);
        }
    }

    /** Commits the event (with whatever else is queued); returns when it is durable. */
    public void write(AuditRecord event) throws AuditUnavailableException {
        await(offer(event));
    }

    /** Returns once the queued event is durable, committing it if nobody else is. */
    public void await(Pending p) throws AuditUnavailableException {
        long deadline = System.nanoTime() + waitNanos;
        while (!p.done) {
            boolean permitted;
            try {
                permitted = commitPermit.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable("interrupted while waiting for the audit commit", e);
            }
            if (permitted) {
                try {
                    if (!p.done) {
                        commitQueued();
                    }
                } catch (Error e) {
                    // every event of the batch is marked failed; this request is refused like the others
                    markUnavailable(e);
                } finally {
                    commitPermit.release();
                }
            } else if (queue.remove(p)) {
                capacity.release();
                markUnavailable(new SQLException("audit commit did not finish within the statement timeout"));
                throw unavailable("the audit commit did not finish in time", null);
            } else {
                // being committed by the permit's holder right now: its statements time out, so this ends
                commitPermit.acquireUninterruptibly();
                commitPermit.release();
            }
        }
        if (p.failure != null) {
            throw unavailable("the audit event could not be committed", p.failure);
        }
    }

    /** Whether events can be written: after a failure, probes the database (at most once per probe interval). */
    public boolean available() {
        if (available) {
            return true;
        }
        long now = System.nanoTime();
        if (now - nextProbeAt < 0) {
            return false;
        }
        nextProbeAt = now + probeIntervalNanos;
        return probe();
    }

    /** Probes the database now (the readiness check): available again if it answers, unavailable if not. */
    public boolean probe() {
        if (store.probe()) {
            if (!available) {
                LOG.info("The audit database answers again: requests are accepted");
            }
            lastFailure = null;
            available = true;
            return true;
        }
        markUnavailable(new SQLException("the audit database does not answer"));
        return false;
    }

    /** The failure that made the writer unavailable, or {@code null}. */
    public Throwable lastFailure() {
        return lastFailure;
    }

    /** How long a refused client should wait: the probe interval. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * Appends the event inside the caller's container transaction, so that it commits if and only if the caller's
     * work does (administrative changes). Holds the commit permit until the transaction completes.
     */
    public void appendInTransaction(AuditRecord event, jakarta.transaction.TransactionSynchronizationRegistry tx)
            throws AuditUnavailableException {
        acquirePermit();
        try {
            ensureHead();
            String hash = chain.link(event, node.id(), headSeq + 1, headHash);
            store.insertInCurrentTransaction(event);
            tx.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                        headSeq = event.getChainSeq();
                        headHash = hash;
                    } else {
                        headSeq = -1;
                    }
                    commitPermit.release();
                }
            });
        } catch (SQLException | RuntimeException e) {
            headSeq = -1;
            commitPermit.release();
            markUnavailable(e);
            throw unavailable("the administrative change could not be audited", e);
        }
    }

    /** Runs maintenance work (retention) with the permit held; the event it returns is appended in its transaction. */
    void exclusive(ChainWork work) throws AuditUnavailableException {
        acquirePermit();
        try {
            ensureHead();
            try (java.sql.Connection c = store.connection()) {
                c.setAutoCommit(false);
                try {
                    AuditRecord event = work.apply(c, new AuditStore.Head(headSeq, headHash));
                    String hash = null;
                    if (event != null) {
                        hash = chain.link(event, node.id(), headSeq + 1, headHash);
                        try (var ps = c.prepareStatement(AuditRows.INSERT)) {
                            ps.setQueryTimeout(store.timeoutSeconds());
                            AuditRows.bind(ps, event);
                            ps.executeUpdate();
                        }
                    }
                    c.commit();
                    if (event != null) {
                        headSeq = event.getChainSeq();
                        headHash = hash;
                    }
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            }
        } catch (SQLException | RuntimeException e) {
            headSeq = -1;
            throw unavailable("audit maintenance failed", e);
        } finally {
            commitPermit.release();
        }
    }

    /** The committed head of this node's chain, as this writer knows it ({@code seq} -1: not known yet). */
    AuditStore.Head committedHead() {
        commitPermit.acquireUninterruptibly();
        try {
            return new AuditStore.Head(headSeq, headHash);
        } finally {
            commitPermit.release();
        }
    }

    /** Events queued or being committed now (for {@code aigw_audit_queue_depth}). */
    public int queueDepth() {
        return Math.max(0, queueCapacity - capacity.availablePermits());
    }

    /** The durations of this writer's group commits that succeeded, in seconds. */
    public io.aigw.policy.telemetry.Histogram commitDurations() {
        return commitSeconds;
    }

    /** Events waiting for a commit (for tests). */
    int queued() {
        return queue.size();
    }

    private Pending offer(AuditRecord event) throws AuditUnavailableException {
        try {
            if (!capacity.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
                throw unavailable("the audit queue is full", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for room in the audit queue", e);
        }
        Pending p = new Pending(event);
        queue.add(p);
        return p;
    }

    private void flushLoop() {
        while (running) {
            LockSupport.parkNanos(this, SUMMARY_NANOS);
            // a fast provider's outcome arrives meanwhile and takes the accepted event into its own commit
            LockSupport.parkNanos(this, LINGER_NANOS);
            queueFinishedSummaries();
            while (running && !queue.isEmpty() && commitPermit.tryAcquire()) {
                try {
                    commitQueued();
                } catch (Throwable t) {
                    markUnavailable(t);
                } finally {
                    commitPermit.release();
                }
            }
        }
    }

    private void queueFinishedSummaries() {
        for (AuditRecord summary : authFailures.drainBefore(System.currentTimeMillis() / 1000)) {
            try {
                offer(summary);
            } catch (AuditUnavailableException e) {
                LOG.log(Level.WARNING, "An authentication-failure summary could not be queued", e);
            }
        }
    }

    /** Commits everything queued; called with the permit held. */
    private void commitQueued() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p; (p = queue.poll()) != null; ) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            commitBatch(batch);
        } catch (SQLException | RuntimeException e) {
            headSeq = -1;
            LOG.log(Level.WARNING, "Audit commit of " + batch.size() + " event(s) failed; retrying them one by one", e);
            commitOneByOne(batch);
        } finally {
            for (Pending p : batch) {
                if (!p.done) {
                    p.failure = p.failure == null ? new IllegalStateException("the audit batch was interrupted")
                            : p.failure;
                    p.done = true;
                }
                capacity.release();
            }
        }
    }

    private void commitBatch(List<Pending> batch) throws SQLException {
        long started = System.nanoTime();
        ensureHead();
        long seq = headSeq;
        String hash = headHash;
        List<AuditRecord> events = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            hash = chain.link(p.event, node.id(), ++seq, hash);
            events.add(p.event);
        }
        store.insert(events);
        headSeq = seq;
        headHash = hash;
        commitSeconds.observe((System.nanoTime() - started) / 1e9);
        for (Pending p : batch) {
            p.done = true;
        }
    }

    private void commitOneByOne(List<Pending> batch) {
        Throwable down = null;
        for (Pending p : batch) {
            if (down == null) {
                down = commitAlone(p);
            }
            if (down != null) {
                p.failure = down;
            }
            p.done = true;
        }
        if (down != null) {
            markUnavailable(down);
        }
    }

    /** Commits one event, or its sanitised form; returns the failure if neither can be written (database down). */
    private Throwable commitAlone(Pending p) {
        try {
            ensureHead();
            commitLinked(p.event);
            return null;
        } catch (SQLException | RuntimeException full) {
            headSeq = -1;
            AuditRecord minimal = AuditRecords.sanitised(p.event, cause(full));
            try {
                ensureHead();
                commitLinked(minimal);
                LOG.log(Level.WARNING, "Audit event " + p.event.getId() + " was refused by the database; stored in "
                        + "sanitised form", full);
                return null;
            } catch (SQLException | RuntimeException e) {
                headSeq = -1;
                e.addSuppressed(full);
                return e;
            }
        }
    }

    private void commitLinked(AuditRecord event) throws SQLException {
        String hash = chain.link(event, node.id(), headSeq + 1, headHash);
        store.insert(List.of(event));
        headSeq = event.getChainSeq();
        headHash = hash;
    }

    private void ensureHead() throws SQLException {
        if (headSeq < 0) {
            AuditStore.Head head = store.head(node.id());
            headSeq = head.seq();
            headHash = head.hash();
        }
    }

    private void markUnavailable(Throwable failure) {
        if (available) {
            LOG.log(Level.SEVERE, "The audit trail cannot be written: requests are refused until the database "
                    + "answers again", failure);
        }
        lastFailure = failure;
        available = false;
        nextProbeAt = System.nanoTime() + probeIntervalNanos;
    }

    private void acquirePermit() throws AuditUnavailableException {
        try {
            if (!commitPermit.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
                throw unavailable("the audit trail is busy", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for the audit trail", e);
        }
    }

    private static String cause(Throwable t) {
        if (t instanceof SQLException s) {
            return "SQLState " + s.getSQLState();
        }
        return t.getClass().getSimpleName();
    }

    private static AuditUnavailableException unavailable(String message, Throwable cause) {
        return new AuditUnavailableException(message, cause);
    }
}
