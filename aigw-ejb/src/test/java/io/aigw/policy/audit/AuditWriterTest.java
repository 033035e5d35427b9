package io.aigw.policy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The group-commit writer against a real (in-memory) Derby with the product's schema. */
class AuditWriterTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final LocalDateTime now = LocalDateTime.of(2026, 12, 3, 10, 0);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void concurrentWritersShareCommitsAndEveryEventIsChainedInOrder() throws Exception {
        try (DerbyAudit audit = new DerbyAudit("node-a")) {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        audit.writer.write(DerbyAudit.event(AuditRecords.OUTCOME, io.aigw.policy.RequestIds.next(), now));
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertThat(audit.count("NODE_ID = 'node-a'")).isEqualTo(400);
            assertThat(audit.count("CHAIN_SEQ BETWEEN 1 AND 400")).isEqualTo(400);
            AuditVerifier.Result result = audit.verify(Map.of("node-a", 400L));
            assertThat(result.firstBreak()).isNull();
            assertThat(result.verified()).isEqualTo(400);
        }
    }

    @Test
    void anEventTheDatabaseRefusesIsStoredSanitisedAndNeverFailsTheOthersInItsBatch() throws Exception {
        try (DerbyAudit audit = new DerbyAudit("node-a")) {
            CountDownLatch release = holdCommits(audit);
            List<AuditWriter.Pending> pending = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                pending.add(audit.writer.enqueue(DerbyAudit.event(AuditRecords.OUTCOME, "good-" + i, now)));
            }
            AuditRecord poison = DerbyAudit.event(AuditRecords.OUTCOME, "poison", now);
            poison.request("chat", "SUBSCRIPTIONS-AND-MORE", "/v1/models", "127.0.0.1"); // longer than HTTP_METHOD
            pending.add(audit.writer.enqueue(poison));
            for (int i = 5; i < 10; i++) {
                pending.add(audit.writer.enqueue(DerbyAudit.event(AuditRecords.OUTCOME, "good-" + i, now)));
            }
            assertThat(audit.writer.queued()).isEqualTo(11); // one batch
            release.countDown();
            for (AuditWriter.Pending p : pending) {
                audit.writer.await(p);
            }
            assertThat(audit.count("REQUEST_ID LIKE 'good-%' AND HTTP_METHOD = 'POST'")).isEqualTo(10);
            assertThat(audit.count("REQUEST_ID = 'poison' AND HTTP_METHOD IS NULL AND HTTP_STATUS = 200 "
                    + "AND DETAILS LIKE '%\"sanitised\":true%'")).isEqualTo(1);
            assertThat(audit.writer.available()).isTrue();
            assertThat(audit.verify(Map.of()).firstBreak()).isNull();
        }
    }

    /** Holds the commit permit (as a long commit would) until the returned latch is counted down. */
    private CountDownLatch holdCommits(DerbyAudit audit) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        pool.submit(() -> {
            audit.writer.exclusive((c, head) -> {
                holding.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
            return null;
        });
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    @Test
    void anOutageRefusesWritesUntilAProbeFindsTheDatabaseAgain() throws Exception {
        try (DerbyAudit audit = new DerbyAudit("node-a")) {
            audit.writer.write(DerbyAudit.event(AuditRecords.OUTCOME, "before", now));
            audit.source.down = true;
            assertThatThrownBy(() -> audit.writer.write(DerbyAudit.event(AuditRecords.OUTCOME, "during", now)))
                    .isInstanceOf(AuditUnavailableException.class);
            assertThat(audit.writer.lastFailure()).isNotNull();
            assertThat(audit.writer.probe()).isFalse();
            assertThat(audit.writer.available()).isFalse();

            audit.source.down = false;
            assertThat(audit.writer.probe()).isTrue();
            assertThat(audit.writer.available()).isTrue();
            audit.writer.write(DerbyAudit.event(AuditRecords.OUTCOME, "after", now));
            assertThat(audit.count("REQUEST_ID = 'during'")).isZero();
            assertThat(audit.count("REQUEST_ID IN ('before', 'after')")).isEqualTo(2);
            assertThat(audit.verify(Map.of()).firstBreak()).isNull();
        }
    }

    @Test
    void anErrorThrownDuringACommitFailsEveryEventOfItsBatchInsteadOfReleasingThem() throws Exception {
        try (DerbyAudit audit = new DerbyAudit("node-a")) {
            audit.source.error = new StackOverflowError("thrown while the batch was taken");
            AuditWriter.Pending queued = audit.writer.enqueue(DerbyAudit.event(AuditRecords.ACCEPTED, "r1", now));
            assertThatThrownBy(() -> audit.writer.write(DerbyAudit.event(AuditRecords.OUTCOME, "r1", now)))
                    .isInstanceOf(AuditUnavailableException.class);
            assertThatThrownBy(() -> audit.writer.await(queued)).isInstanceOf(AuditUnavailableException.class);
            assertThat(audit.writer.available()).isFalse();

            audit.source.error = null;
            assertThat(audit.writer.probe()).isTrue();
            audit.writer.write(DerbyAudit.event(AuditRecords.OUTCOME, "r2", now));
            assertThat(audit.count("1 = 1")).isEqualTo(1);
        }
    }

    @Test
    void aFullQueueRefusesWritersOnceTheWaitIsOver() throws Exception {
        try (DerbyAudit audit = new DerbyAudit("node-a", 1, Duration.ofMillis(300))) {
            CountDownLatch release = holdCommits(audit);
            AuditWriter.Pending first = audit.writer.enqueue(DerbyAudit.event(AuditRecords.OUTCOME, "first", now));
            long start = System.nanoTime();
            assertThatThrownBy(() -> audit.writer.enqueue(DerbyAudit.event(AuditRecords.OUTCOME, "second", now)))
                    .isInstanceOf(AuditUnavailableException.class).hasMessage("the audit queue is full");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250),
                    Duration.ofSeconds(2));
            release.countDown();
            audit.writer.await(first);
            assertThat(audit.count("REQUEST_ID = 'first'")).isEqualTo(1);
            assertThat(audit.count("REQUEST_ID = 'second'")).isZero();
        }
    }

    @Test
    void queuedEventsAreCommittedByTheFlusherWithoutAnyoneWaiting() throws Exception {
        try (DerbyAudit audit = new DerbyAudit("node-a")) {
            audit.writer.enqueue(DerbyAudit.event(AuditRecords.ACCEPTED, "r1", now));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (audit.count("REQUEST_ID = 'r1'") == 0 && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            }
            assertThat(audit.count("REQUEST_ID = 'r1' AND EVENT_TYPE = 'accepted'")).isEqualTo(1);
        }
    }
}
