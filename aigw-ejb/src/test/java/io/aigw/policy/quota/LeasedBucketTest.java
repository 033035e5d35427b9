package io.aigw.policy.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.policy.testing.CountingDataSource;
import io.aigw.policy.testing.TestDatabases;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rate limits shared by several servers through the database, on a clock the test moves: two servers together admit
 * what one bucket holds, and a lease serves many requests per database round trip.
 */
class LeasedBucketTest {

    @ParameterizedTest
    @ValueSource(strings = {"derby", "postgresql"})
    void twoServersHammeringOneLimitAdmitExactlyWhatTheSharedBucketHolds(String database) throws Exception {
        SharedBucketRows rows = new SharedBucketRows(database(database), 10);
        AtomicLong clock = new AtomicLong(1_000_000);
        LeasedBucket a = new LeasedBucket("key:k||REQUESTS|600", 600, rows, clock::get);
        LeasedBucket b = new LeasedBucket("key:k||REQUESTS|600", 600, rows, clock::get);
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // 31 simulated seconds; each second both servers give back their leases and 8 clients (4 per server)
            // send 500 requests each: far above the 10 a second the limit refills
            for (int second = 0; second <= 30; second++) {
                List<Future<?>> clients = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    LeasedBucket server = t % 2 == 0 ? a : b;
                    clients.add(pool.submit(() -> {
                        for (int i = 0; i < 500; i++) {
                            if (server.tryTake(1, 0)) {
                                admitted.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : clients) {
                    f.get(1, TimeUnit.MINUTES);
                }
                a.flush();
                b.flush();
                clock.addAndGet(1000);
            }
        } finally {
            pool.shutdownNow();
        }
        // the burst of 600 plus 30 s of refill at 10 a second, across both servers, and not one more
        assertThat(admitted.get()).isEqualTo(600 + 300);
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "postgresql"})
    void aLeaseServesManyRequestsAndRefusalsCostNoRoundTrip(String database) throws Exception {
        CountingDataSource db = new CountingDataSource(database(database));
        SharedBucketRows rows = new SharedBucketRows(db, 10);
        AtomicLong clock = new AtomicLong(5_000_000);
        LeasedBucket bucket = new LeasedBucket("tenant:t||REQUESTS|1600", 1600, rows, clock::get);
        int before = db.connections();
        for (int i = 0; i < 1600; i++) {
            assertThat(bucket.tryTake(1, 0)).isTrue();
        }
        // blocks of 1,600 / 16 = 100 requests
        assertThat(db.connections() - before).isEqualTo(16);
        int afterBurst = db.connections();
        for (int i = 0; i < 1000; i++) {
            assertThat(bucket.tryTake(1, 0)).isFalse();
        }
        assertThat(db.connections() - afterBurst).as("one lease refused, then refused locally").isEqualTo(1);
        assertThat(bucket.nanosUntil(1, 0)).isEqualTo(38_000_000L);
        clock.addAndGet(38);
        assertThat(bucket.tryTake(1, 0)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "postgresql"})
    void tokensAReservationDidNotUseGoBackAndADebtIsPaidByLaterRequests(String database) throws Exception {
        SharedBucketRows rows = new SharedBucketRows(database(database), 10);
        AtomicLong clock = new AtomicLong(0);
        LeasedBucket a = new LeasedBucket("key:k||TOKENS|1000", 1000, rows, clock::get);
        LeasedBucket b = new LeasedBucket("key:k||TOKENS|1000", 1000, rows, clock::get);
        assertThat(a.tryTake(800, 0)).isTrue();
        a.adjust(800 - 100, 0); // used 100 of 800
        a.flush();
        assertThat(b.tryTake(900, 0)).isTrue();
        b.adjust(900 - 1400, 0); // used 1,400: 500 more than reserved
        b.flush();
        assertThat(a.tryTake(1, 0)).isFalse();
        assertThat(rows.peek("key:k||TOKENS|1000", 1000, 0)).isEqualTo(-500_000L);
    }

    private static DataSource database(String kind) throws SQLException {
        return TestDatabases.migrated(kind);
    }
}
