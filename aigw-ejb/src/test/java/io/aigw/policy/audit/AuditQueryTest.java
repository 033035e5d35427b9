package io.aigw.policy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compliance list over a real database with the product's schema (Derby and PostgreSQL, see the subclasses):
 * cursor walks, filters, states, totals.
 */
abstract class AuditQueryTest {

    private static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 20, 10, 0);

    private AuditDatabase audit;
    private AuditQuery query;
    private final List<AuditRecord> written = new ArrayList<>();

    @BeforeEach
    void open() throws SQLException {
        audit = database("node-b");
        query = new AuditQuery();
        query.store = audit.store();
    }

    /** A new, migrated database with node {@code node}'s store and writer. */
    abstract AuditDatabase database(String node) throws SQLException;

    @AfterEach
    void close() {
        audit.close();
    }

    @Test
    void aCursorWalkReadsEveryRecordOnceNewestFirstThroughTiesAcrossNodes() throws Exception {
        // 3 records per millisecond on two nodes: ties on time are broken by node, then sequence
        List<AuditRecord> a = new ArrayList<>();
        List<AuditRecord> b = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            (i % 2 == 0 ? a : b).add(outcome("r" + i, T0.plusNanos((i / 3) * 1_000_000L), r -> r));
        }
        chain("node-a", a);
        chain("node-b", b);
        List<String> walked = new ArrayList<>();
        AuditCursor cursor = null;
        int pages = 0;
        do {
            AuditPage page = query.page(AuditFilter.ALL, null, cursor == null ? null
                    : AuditCursor.decode(cursor.encode()), 0, 7, false);
            page.rows().forEach(v -> walked.add(v.record().getRequestId()));
            cursor = page.next();
            pages++;
        } while (cursor != null);
        List<String> expected = new ArrayList<>();
        written.stream().sorted((x, y) -> {
            int c = y.getOccurredAt().compareTo(x.getOccurredAt());
            c = c != 0 ? c : y.getNodeId().compareTo(x.getNodeId());
            return c != 0 ? c : Long.compare(y.getChainSeq(), x.getChainSeq());
        }).forEach(r -> expected.add(r.getRequestId()));
        assertThat(walked).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(9);
    }

    @Test
    void eachFilterSelectsExactlyItsRecords() throws Exception {
        List<AuditRecord> events = new ArrayList<>();
        events.add(outcome("plain", T0, r -> r));
        events.add(outcome("other-tenant", T0.plusSeconds(1), r -> caller(r, "key_2", "globex", "svc-b")));
        events.add(outcome("other-principal", T0.plusSeconds(2), r -> caller(r, "key_1", "acme", "svc-c")));
        events.add(outcome("routed", T0.plusSeconds(3), r -> {
            r.routing("fast", "anthropic/claude-3-5-haiku-latest", "anthropic", true);
            return r;
        }));
        events.add(outcome("limited", T0.plusSeconds(4), r -> {
            r.outcome(429, "rate_limited", "slow down");
            return r;
        }));
        events.add(outcome("failed", T0.plusSeconds(5), r -> {
            r.outcome(502, "upstream_error", "bad gateway");
            return r;
        }));
        events.add(outcome("embedded", T0.plusSeconds(6), r -> {
            r.request("embeddings", "POST", "/v1/embeddings", "127.0.0.1");
            return r;
        }));
        chain("node-b", events);

        assertThat(ids(filter(f -> f.tenant("globex")))).containsExactly("other-tenant");
        assertThat(ids(filter(f -> f.keyId("key_2")))).containsExactly("other-tenant");
        assertThat(ids(filter(f -> f.principal("svc-c")))).containsExactly("other-principal");
        assertThat(ids(filter(f -> f.model("fast")))).containsExactly("routed");
        assertThat(ids(filter(f -> f.model("anthropic/claude-3-5-haiku-latest")))).containsExactly("routed");
        assertThat(ids(filter(f -> f.modelRequested("anthropic/claude-3-5-haiku-latest")))).isEmpty();
        assertThat(ids(filter(f -> f.modelResolved("anthropic/claude-3-5-haiku-latest")))).containsExactly("routed");
        assertThat(ids(filter(f -> f.connection("anthropic")))).containsExactly("routed");
        assertThat(ids(filter(f -> f.streamed(true)))).containsExactly("routed");
        assertThat(ids(filter(f -> f.status(429, 429)))).containsExactly("limited");
        assertThat(ids(filter(f -> f.status(400, 499)))).containsExactly("limited");
        assertThat(ids(filter(f -> f.status(500, 599)))).containsExactly("failed");
        assertThat(ids(filter(f -> f.errorCode("upstream_error")))).containsExactly("failed");
        assertThat(ids(filter(f -> f.operation("embeddings")))).containsExactly("embedded");
        assertThat(ids(filter(f -> f.from(T0.plusSeconds(5))))).containsExactly("embedded", "failed");
        assertThat(ids(filter(f -> f.to(T0.plusSeconds(1))))).containsExactly("plain");
        assertThat(ids(filter(f -> f.tenant("acme").operation("chat").status(200, 200))))
                .containsExactly("routed", "other-principal", "plain");
        // a tenant-scoped reader sees its tenant only, whatever it filters by
        assertThat(ids(query.page(filter(f -> f.keyId("key_2")), "acme", null, 0, 100, false))).isEmpty();
        assertThat(query.page(AuditFilter.ALL, "globex", null, 0, 100, true).total()).isEqualTo(1);
    }

    @Test
    void aRequestIsListedOnceInProgressThenCompletedOrInterrupted() throws Exception {
        AuditRecord running = DerbyAudit.event(AuditRecords.ACCEPTED, "running", T0);
        AuditRecord done = DerbyAudit.event(AuditRecords.ACCEPTED, "done", T0.plusSeconds(1));
        AuditRecord lost = DerbyAudit.event(AuditRecords.ACCEPTED, "lost", T0.plusSeconds(2));
        chain("node-b", List.of(running, done, lost, outcome("done", T0.plusSeconds(1), r -> r),
                AuditRecords.interrupted(lost, T0.plusSeconds(9))));

        AuditPage all = query.page(AuditFilter.ALL, null, null, 0, 100, true);
        assertThat(all.rows()).extracting(v -> v.record().getRequestId() + ":" + v.state())
                .containsExactly("lost:interrupted", "done:completed", "running:in_progress");
        assertThat(all.total()).isEqualTo(3);
        assertThat(all.totalExact()).isTrue();
        assertThat(ids(filter(f -> f.state(AuditView.IN_PROGRESS)))).containsExactly("running");
        assertThat(ids(filter(f -> f.state(AuditView.INTERRUPTED)))).containsExactly("lost");
        assertThat(ids(filter(f -> f.state(AuditView.COMPLETED)))).containsExactly("done");
    }

    @Test
    void offsetPagesAndABoundedTotal() throws Exception {
        List<AuditRecord> events = new ArrayList<>();
        for (int i = 0; i < AuditQuery.TOTAL_CAP + 5; i++) {
            events.add(outcome("r" + i, T0.plusNanos(i * 1_000_000L), r -> r));
        }
        chain("node-b", events);
        AuditPage page = query.page(AuditFilter.ALL, null, null, 3, 2, true);
        assertThat(ids(page)).containsExactly("r" + (AuditQuery.TOTAL_CAP + 1), "r" + AuditQuery.TOTAL_CAP);
        assertThat(page.total()).isEqualTo(AuditQuery.TOTAL_CAP);
        assertThat(page.totalExact()).isFalse();
        assertThat(query.page(AuditFilter.ALL, null, null, 0, 2, false).total()).isNull();
    }

    @Test
    void aCursorFromElsewhereIsRefused() {
        assertThatThrownBy(() -> AuditCursor.decode("bm90LWEtY3Vyc29y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditCursor.decode("%%%")).isInstanceOf(IllegalArgumentException.class);
        AuditCursor c = new AuditCursor(T0.plusNanos(123_000_000), "host:a|b", 42);
        assertThat(AuditCursor.decode(c.encode())).isEqualTo(c);
    }

    private AuditRecord outcome(String id, LocalDateTime at, UnaryOperator<AuditRecord> change) {
        AuditRecord r = DerbyAudit.event(AuditRecords.OUTCOME, id, at);
        r.principal("svc-a");
        return change.apply(r);
    }

    private static AuditRecord caller(AuditRecord r, String key, String tenant, String principal) {
        r.caller(key, tenant);
        r.principal(principal);
        return r;
    }

    /** Links the events into {@code node}'s chain and stores them. */
    private void chain(String node, List<AuditRecord> events) throws SQLException {
        AuditChain chain = new AuditChain(DerbyAudit.SECRET);
        String hash = AuditChain.GENESIS;
        long seq = written.stream().filter(r -> r.getNodeId().equals(node)).count();
        for (AuditRecord r : events) {
            hash = chain.link(r, node, ++seq, hash);
        }
        audit.store().insert(events);
        written.addAll(events);
    }

    private List<String> ids(AuditFilter filter) throws SQLException {
        return ids(query.page(filter, null, null, 0, 100, false));
    }

    private static List<String> ids(AuditPage page) {
        return page.rows().stream().map(v -> v.record().getRequestId()).toList();
    }

    private static AuditFilter filter(UnaryOperator<FilterBuilder> build) {
        return build.apply(new FilterBuilder()).build();
    }

    /** Builds a filter field by field. */
    static final class FilterBuilder {
        private LocalDateTime from;
        private LocalDateTime to;
        private String tenant;
        private String keyId;
        private String principal;
        private String model;
        private String modelRequested;
        private String modelResolved;
        private String connection;
        private Integer statusMin;
        private Integer statusMax;
        private String errorCode;
        private String operation;
        private Boolean streamed;
        private String state;

        FilterBuilder from(LocalDateTime v) { from = v; return this; }
        FilterBuilder to(LocalDateTime v) { to = v; return this; }
        FilterBuilder tenant(String v) { tenant = v; return this; }
        FilterBuilder keyId(String v) { keyId = v; return this; }
        FilterBuilder principal(String v) { principal = v; return this; }
        FilterBuilder model(String v) { model = v; return this; }
        FilterBuilder modelRequested(String v) { modelRequested = v; return this; }
        FilterBuilder modelResolved(String v) { modelResolved = v; return this; }
        FilterBuilder connection(String v) { connection = v; return this; }
        FilterBuilder status(int min, int max) { statusMin = min; statusMax = max; return this; }
        FilterBuilder errorCode(String v) { errorCode = v; return this; }
        FilterBuilder operation(String v) { operation = v; return this; }
        FilterBuilder streamed(boolean v) { streamed = v; return this; }
        FilterBuilder state(String v) { state = v; return this; }

        AuditFilter build() {
            return new AuditFilter(from, to, tenant, keyId, principal, model, modelRequested, modelResolved,
                    connection, statusMin, statusMax, errorCode, operation, streamed, state);
        }
    }
}
