package io.aigw.policy.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.quota.Scope;
import io.aigw.policy.quota.ScopedPolicyStore;
import io.aigw.policy.testing.CountingDataSource;
import io.aigw.policy.testing.TestDatabases;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Budgets on a real database shared by two nodes (two ledgers with their own node ids): reservations never let the
 * spend pass the budget, claims stay far below one database write per request, and spend survives a restart.
 */
class BudgetLedgerTest {

    private static final Scope ACME = Scope.tenant("acme");
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"derby", "postgresql"})
    void twoNodesUnderConcurrentLoadNeverSpendMoreThanTheBudget(String database) throws Exception {
        CountingDataSource db = new CountingDataSource(database(database));
        BudgetSpec spec = budget(db, "{\"amount\":\"1.00\",\"currency\":\"USD\",\"period\":\"day\"}");
        BudgetLedger a = ledger(db, "node-a");
        BudgetLedger b = ledger(db, "node-b");
        AtomicLong spent = new AtomicLong();
        AtomicLong admitted = new AtomicLong();
        AtomicInteger refusedInARow = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(17);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                BudgetLedger ledger = t % 2 == 0 ? a : b;
                clients.add(pool.submit(() -> {
                    while (refusedInARow.get() < 200) {
                        long reserve = 2_000_000; // $0.002 worst case
                        BudgetLedger.Reservation r;
                        try {
                            r = ledger.reserve(ACME, spec, NOW, reserve, 0);
                        } catch (GatewayException e) {
                            assertThat(e.problem()).isEqualTo(Problem.BUDGET_EXHAUSTED);
                            refusedInARow.incrementAndGet();
                            continue;
                        }
                        refusedInARow.set(0);
                        long used = ThreadLocalRandom.current().nextLong(reserve / 2, reserve + 1);
                        ledger.settle(r, used, 0);
                        spent.addAndGet(used);
                        admitted.incrementAndGet();
                    }
                    return null;
                }));
            }
            pool.submit(() -> {
                while (!stop.get()) {
                    a.flush();
                    b.flush();
                    Thread.onSpinWait();
                }
                return null;
            });
            for (Future<?> f : clients) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            stop.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        a.flush();
        b.flush();
        assertThat(spent.get()).isLessThanOrEqualTo(1_000_000_000L);
        // the budget is nearly used: what is left is less than one more worst case
        assertThat(1_000_000_000L - spent.get()).isLessThan(2_000_000L);
        BudgetRows.Totals totals = a.totals(ACME, spec, NOW);
        assertThat(totals.spentNanos()).isEqualTo(spent.get());
        assertThat(totals.reservedNanos()).isZero();
        assertThat(admitted.get()).isGreaterThan(600);
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "postgresql"})
    void aBusyNodeClaimsInBlocksSoMostReservationsTouchNoDatabase(String database) throws Exception {
        CountingDataSource db = new CountingDataSource(database(database));
        BudgetSpec spec = budget(db, "{\"amount\":\"100.00\",\"currency\":\"USD\",\"period\":\"month\"}");
        BudgetLedger a = ledger(db, "node-a");
        int before = db.connections();
        for (int i = 0; i < 1000; i++) {
            a.settle(a.reserve(ACME, spec, NOW, 1_000_000, 0), 1_000_000, 0);
        }
        int trips = db.connections() - before;
        // a claim covers 1/64 of the budget ($1.56, over 1,500 requests here) or 8 requests, whichever is more
        assertThat(trips).isLessThanOrEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "postgresql"})
    void whatANodeSpentSurvivesItsRestart(String database) throws Exception {
        CountingDataSource db = new CountingDataSource(database(database));
        BudgetSpec spec = budget(db, "{\"amount\":\"1.00\",\"currency\":\"USD\",\"period\":\"total\"}");
        BudgetLedger first = ledger(db, "node-a");
        first.settle(first.reserve(ACME, spec, NOW, 600_000_000, 0), 600_000_000, 0);
        first.flush();
        BudgetLedger restarted = ledger(db, "node-a");
        assertThatThrownBy(() -> restarted.reserve(ACME, spec, NOW, 500_000_000, 0))
                .isInstanceOf(GatewayException.class)
                .hasMessage("You exceeded your current quota: the budget of tenant 'acme' (1.00 USD in total) does not "
                        + "cover this request; it does not reset.");
        assertThat(restarted.reserve(ACME, spec, NOW, 400_000_000, 0)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "postgresql"})
    void tokenBudgetsAndTheResetTimeInTheRefusal(String database) throws Exception {
        CountingDataSource db = new CountingDataSource(database(database));
        BudgetSpec spec = budget(db, "{\"tokens\":1000,\"period\":\"day\",\"time_zone\":\"Europe/Berlin\"}");
        BudgetLedger a = ledger(db, "node-a");
        a.settle(a.reserve(ACME, spec, NOW, 0, 800), 0, 900);
        GatewayException e = org.junit.jupiter.api.Assertions.assertThrows(GatewayException.class,
                () -> a.reserve(ACME, spec, NOW, 0, 200));
        assertThat(e.getMessage()).isEqualTo("You exceeded your current quota: the budget of tenant 'acme' (1000 "
                + "tokens per day, Europe/Berlin) does not cover this request; it resets at 2026-12-04T00:00:00+01:00.");
        assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(13));
        assertThat(a.reserve(ACME, spec, NOW, 0, 100)).isNotNull();
        // the next day starts afresh
        assertThat(a.reserve(ACME, spec, Instant.parse("2026-12-03T23:00:00Z"), 0, 1000)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "postgresql"})
    void aBudgetDeletedMeanwhileNoLongerHoldsRequests(String database) throws Exception {
        CountingDataSource db = new CountingDataSource(database(database));
        BudgetSpec spec = budget(db, "{\"amount\":\"0.01\",\"currency\":\"USD\",\"period\":\"day\"}");
        BudgetLedger a = ledger(db, "node-a");
        sql(db, "DELETE FROM AIGW_SCOPED_POLICY");
        assertThat(a.reserve(ACME, spec, NOW, 20_000_000, 0)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby"})
    void alertFractionsAreReportedOnceWhenTheSpendReachesThem(String database) throws Exception {
        CountingDataSource db = new CountingDataSource(database(database));
        BudgetSpec spec = budget(db, "{\"amount\":\"1.00\",\"currency\":\"USD\",\"period\":\"month\","
                + "\"alert_at\":[0.8,0.5]}");
        BudgetLedger a = ledger(db, "node-a");
        assertThat(a.settle(a.reserve(ACME, spec, NOW, 400_000_000, 0), 400_000_000, 0)).isEmpty();
        assertThat(a.settle(a.reserve(ACME, spec, NOW, 150_000_000, 0), 150_000_000, 0))
                .containsExactly(new BigDecimal("0.5"));
        assertThat(a.settle(a.reserve(ACME, spec, NOW, 50_000_000, 0), 50_000_000, 0)).isEmpty();
        assertThat(a.settle(a.reserve(ACME, spec, NOW, 300_000_000, 0), 300_000_000, 0))
                .containsExactly(new BigDecimal("0.8"));
    }

    @org.junit.jupiter.api.Test
    void amountsConvertExactlyToBillionths() {
        assertThat(BudgetLedger.toNanos(new BigDecimal("25.00"))).isEqualTo(25_000_000_000L);
        assertThat(BudgetLedger.fromNanos(1_500_000_001L).toPlainString()).isEqualTo("1.500000001");
    }

    private static BudgetLedger ledger(DataSource db, String node) {
        BudgetLedger l = new BudgetLedger();
        l.configure(db, node, Duration.ofSeconds(10));
        return l;
    }

    private static BudgetSpec budget(DataSource db, String json) throws SQLException {
        sql(db, "INSERT INTO AIGW_SCOPED_POLICY (KIND, SCOPE_TYPE, SCOPE_ID, SPEC, UPDATED_AT) VALUES ('budget', "
                + "'tenant', 'acme', '" + json + "', CURRENT_TIMESTAMP)");
        return BudgetSpec.parse(ScopedPolicyStore.parse(json));
    }

    private static void sql(DataSource db, String statement) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    private static DataSource database(String kind) throws SQLException {
        return TestDatabases.migrated(kind);
    }
}
