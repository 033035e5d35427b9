package io.aigw.policy.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.policy.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two servers sharing a database claim one firing once: a budget threshold once, a spike once per cooldown. */
class AlertClaimsTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"derby", "postgresql"})
    void aSubjectWithoutCooldownIsClaimedOnceByOneOfManyConcurrentServers(String database) throws Exception {
        DataSource db = TestDatabases.migrated(database);
        AlertClaims a = claims(db, "node-a");
        AlertClaims b = claims(db, "node-b");
        String subject = "budget|tenant:acme|2026-12-04T00:00:00Z|0.8";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                AlertClaims node = i % 2 == 0 ? a : b;
                tries.add(pool.submit((Callable<Boolean>) () -> node.claim("budget-watch", subject, NOW, null)));
            }
            int won = 0;
            for (Future<Boolean> f : tries) {
                won += f.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(a.claim("budget-watch", subject, NOW.plus(Duration.ofDays(30)), null)).isFalse();
        assertThat(a.claim("other-alert", subject, NOW, null)).as("another alert's subject").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "postgresql"})
    void aSpikeFiresAgainOnlyAfterItsCooldownOnAnyServer(String database) throws Exception {
        DataSource db = TestDatabases.migrated(database);
        AlertClaims a = claims(db, "node-a");
        AlertClaims b = claims(db, "node-b");
        Duration cooldown = Duration.ofMinutes(30);
        assertThat(a.claim("errors", "model:m", NOW, cooldown)).isTrue();
        assertThat(b.claim("errors", "model:m", NOW.plusSeconds(60), cooldown)).isFalse();
        assertThat(a.claim("errors", "model:m", NOW.plus(Duration.ofMinutes(29)), cooldown)).isFalse();
        assertThat(b.claim("errors", "model:m", NOW.plus(Duration.ofMinutes(30)), cooldown)).isTrue();
        assertThat(a.claim("errors", "model:m", NOW.plus(Duration.ofMinutes(31)), cooldown)).isFalse();
        assertThat(a.claim("errors", "model:other", NOW.plus(Duration.ofMinutes(31)), cooldown)).isTrue();

        a.purge(NOW.plus(Duration.ofMinutes(29)));
        assertThat(a.claim("errors", "model:m", NOW.plus(Duration.ofMinutes(32)), cooldown))
                .as("the firing at 30 min is younger than the purge's cutoff").isFalse();
        a.purge(NOW.plus(Duration.ofMinutes(40)));
        assertThat(a.claim("errors", "model:m", NOW.plus(Duration.ofMinutes(41)), null))
                .as("purged: a subject without cooldown may fire again").isTrue();
    }

    private static AlertClaims claims(DataSource db, String node) {
        AlertClaims c = new AlertClaims();
        c.configure(db, node);
        return c;
    }
}
