package io.aigw.policy.audit;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: every writer enqueues its record and waits for the commit lock; whoever holds it commits everything
 * queued so far in one transaction. A writer returns once its own record is durable, so under load one disk flush
 * serves many requests and at one connection a request pays one flush. Records are numbered per node under the lock,
 * in commit order.
 */
@ApplicationScoped
public class AuditWriter {

    private static final Logger LOG = Logger.getLogger(AuditWriter.class.getName());

    @EJB
    AuditStore store;

    @Inject
    NodeIdentity node;

    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock commitLock = new ReentrantLock();
    private long lastSeq = -1;
    private volatile Throwable lastFailure;

    private static final class Pending {
        final AuditRecord record;
        boolean done;
        Throwable failure;

        Pending(AuditRecord record) {
            this.record = record;
        }
    }

    /** Commits the record (with whatever else is waiting); returns when it is durable. */
    public void write(AuditRecord record) throws AuditUnavailableException {
        Pending mine = new Pending(record);
        queue.add(mine);
        commitLock.lock();
        try {
            if (!mine.done) {
                commitQueued();
            }
            if (mine.failure != null) {
                throw new AuditUnavailableException("the audit record could not be committed", mine.failure);
            }
        } finally {
            commitLock.unlock();
        }
    }

    /** The last commit failure, or {@code null} if the last commit succeeded. */
    public Throwable lastFailure() {
        return lastFailure;
    }

    /** Records waiting for a commit (for tests). */
    int queued() {
        return queue.size();
    }

    private void commitQueued() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p; (p = queue.poll()) != null; ) {
            batch.add(p);
        }
        Throwable failure = null;
        try {
            if (lastSeq < 0) {
                lastSeq = store.lastSequence(node.id());
            }
            List<AuditRecord> records = new ArrayList<>(batch.size());
            long seq = lastSeq;
            for (Pending p : batch) {
                p.record.number(node.id(), ++seq);
                records.add(p.record);
            }
            store.insert(records);
            lastSeq = seq;
            lastFailure = null;
        } catch (RuntimeException e) {
            failure = e;
            lastSeq = -1;
            lastFailure = e;
            LOG.log(Level.SEVERE, "Audit commit of " + batch.size() + " record(s) failed; those requests are refused", e);
        }
        for (Pending p : batch) {
            p.failure = failure;
            p.done = true;
        }
    }
}
