package io.aigw.policy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuditWriterTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** A store that records committed batches; the first commit can be held on a latch. */
    static final class RecordingStore extends AuditStore {
        final List<List<AuditRecord>> batches = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch firstCommitEntered = new CountDownLatch(1);
        final CountDownLatch releaseFirstCommit = new CountDownLatch(1);
        volatile boolean holdFirst;
        volatile RuntimeException failWith;
        long existing;

        @Override
        public void insert(List<AuditRecord> records) {
            if (holdFirst && firstCommitEntered.getCount() == 1) {
                firstCommitEntered.countDown();
                try {
                    releaseFirstCommit.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failWith != null) {
                throw failWith;
            }
            batches.add(List.copyOf(records));
        }

        @Override
        public long lastSequence(String nodeId) {
            return existing;
        }
    }

    private static AuditWriter writer(RecordingStore store) {
        AuditWriter w = new AuditWriter();
        w.store = store;
        w.node = new NodeIdentity() {
            @Override
            public String id() {
                return "node-a";
            }
        };
        return w;
    }

    @Test
    void writesReturnOnlyAfterTheirRecordIsCommittedAndWaitingWritersShareOneCommit() throws Exception {
        RecordingStore store = new RecordingStore();
        store.holdFirst = true;
        AuditWriter writer = writer(store);

        Future<?> first = pool.submit(() -> {
            writer.write(new AuditRecord("r0"));
            return null;
        });
        assertThat(store.firstCommitEntered.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<?>> waiting = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String id = "r" + i;
            waiting.add(pool.submit(() -> {
                writer.write(new AuditRecord(id));
                return null;
            }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writer.queued() < 5 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(writer.queued()).isEqualTo(5);
        // nobody returns while the first commit is in progress
        assertThat(first.isDone()).isFalse();
        for (Future<?> f : waiting) {
            assertThat(f.isDone()).isFalse();
        }
        store.releaseFirstCommit.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (Future<?> f : waiting) {
            f.get(10, TimeUnit.SECONDS);
        }
        List<String> committed = store.batches.stream().flatMap(List::stream).map(AuditRecord::getId).toList();
        assertThat(committed).containsExactlyInAnyOrder("r0", "r1", "r2", "r3", "r4", "r5");
        // the five that queued behind the first commit share the next one
        assertThat(store.batches).hasSize(2);
        assertThat(store.batches.get(1)).extracting(AuditRecord::getId)
                .containsExactlyInAnyOrder("r1", "r2", "r3", "r4", "r5");
    }

    @Test
    void numbersRecordsPerNodeInCommitOrderAfterTheStoredOnes() throws Exception {
        RecordingStore store = new RecordingStore();
        store.existing = 41;
        AuditWriter writer = writer(store);
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "x" + i;
            all.add(pool.submit(() -> {
                writer.write(new AuditRecord(id));
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get(10, TimeUnit.SECONDS);
        }
        List<AuditRecord> inOrder = store.batches.stream().flatMap(List::stream).toList();
        assertThat(inOrder).hasSize(40);
        for (int i = 0; i < inOrder.size(); i++) {
            assertThat(inOrder.get(i).getChainSeq()).isEqualTo(42 + i);
            assertThat(inOrder.get(i).getNodeId()).isEqualTo("node-a");
        }
    }

    @Test
    void aFailedCommitFailsItsWritersAndTheNextSuccessClearsTheFailure() throws Exception {
        RecordingStore store = new RecordingStore();
        AuditWriter writer = writer(store);
        store.failWith = new IllegalStateException("database down");

        assertThatThrownBy(() -> writer.write(new AuditRecord("f1")))
                .isInstanceOf(AuditUnavailableException.class)
                .hasRootCauseMessage("database down");
        assertThat(writer.lastFailure()).isNotNull();

        store.failWith = null;
        writer.write(new AuditRecord("ok"));
        assertThat(writer.lastFailure()).isNull();
        assertThat(store.batches).hasSize(1);
        assertThat(store.batches.get(0).get(0).getChainSeq()).isEqualTo(1);
    }
}
