package io.aigw.policy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.jca.api.ConnectionStatus;
import io.aigw.jca.api.ModelInfo;
import io.aigw.policy.config.GatewaySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {

    /** Lists models without a connection: counts the listings and can hold them. */
    private static final class CountingCalls extends ProviderCalls {
        final AtomicInteger listings = new AtomicInteger();
        volatile CountDownLatch hold = new CountDownLatch(0);
        final CountDownLatch entered = new CountDownLatch(2);

        @Override
        @SuppressWarnings("unchecked")
        public <T> T with(String connectionName, ConnectionWork<T> work) {
            int n = listings.incrementAndGet();
            entered.countDown();
            try {
                hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return (T) new ModelCatalog.ConnectionModels(new ConnectionStatus(connectionName, "openai", true, null),
                    List.of(new ModelInfo("model-" + n, connectionName, 0, Set.of(ModelInfo.Capability.CHAT))),
                    System.nanoTime() + Duration.ofMillis(20).toNanos());
        }
    }

    private static ModelCatalog catalog(CountingCalls calls) {
        ModelCatalog catalog = new ModelCatalog();
        catalog.calls = calls;
        catalog.registry = new ConnectionRegistry() {
            @Override
            public List<String> names() {
                return List.of("openai");
            }

            @Override
            public Map<String, String> missing() {
                return Map.of();
            }
        };
        catalog.settings = new GatewaySettings() {
            @Override
            public Duration modelsCacheTtl() {
                return Duration.ofMillis(20);
            }
        };
        return catalog;
    }

    @Test
    void anExpiredListIsRefreshedByOneRequestWhileTheOthersUseThePreviousOne() throws Exception {
        CountingCalls calls = new CountingCalls();
        ModelCatalog catalog = catalog(calls);
        assertThat(catalog.all().get(0).models().get(0).id()).isEqualTo("model-1");
        long expired = System.nanoTime() + Duration.ofMillis(40).toNanos();
        while (System.nanoTime() < expired) {
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }

        calls.hold = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> catalog.all().get(0).models().get(0).id()));
            }
            assertThat(calls.entered.await(5, TimeUnit.SECONDS)).isTrue(); // the first load and one refresh
            List<String> served = new ArrayList<>();
            for (Future<String> f : answers) {
                if (f.isDone() || waitDone(f)) {
                    served.add(f.get());
                }
            }
            assertThat(served).hasSize(7).containsOnly("model-1");
            calls.hold.countDown();
            for (Future<String> f : answers) {
                f.get(5, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(calls.listings).hasValue(2);
    }

    private static boolean waitDone(Future<String> f) {
        try {
            f.get(1, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
