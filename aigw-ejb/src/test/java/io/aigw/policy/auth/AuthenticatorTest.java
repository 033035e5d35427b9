package io.aigw.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.config.GatewaySettings;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    /** Keys in memory; counts what the authenticator asks the database. */
    private static final class Store extends ApiKeyStore {
        final Map<String, ApiKey> byHash = new HashMap<>();
        final AtomicInteger lookups = new AtomicInteger();
        final AtomicInteger hashLoads = new AtomicInteger();

        @Override
        public Optional<ApiKey> findActiveByHash(String hash) {
            lookups.incrementAndGet();
            return Optional.ofNullable(byHash.get(hash)).filter(k -> k.getRevokedAt() == null);
        }

        @Override
        public Set<String> activeHashes() {
            hashLoads.incrementAndGet();
            Set<String> out = new java.util.HashSet<>();
            byHash.forEach((h, k) -> {
                if (k.getRevokedAt() == null) {
                    out.add(h);
                }
            });
            return out;
        }
    }

    private final Store store = new Store();
    private final Authenticator authenticator = new Authenticator();
    private KeyHasher hasher;

    @BeforeEach
    void setUp() {
        GatewaySettings settings = new GatewaySettings() {
            @Override
            public Optional<String> keyHashSecret() {
                return Optional.of("test-secret");
            }

            @Override
            public Duration keyCacheTtl() {
                return Duration.ofMinutes(1);
            }
        };
        hasher = new KeyHasher();
        hasher.settings = settings;
        hasher.init();
        authenticator.store = store;
        authenticator.settings = settings;
        authenticator.hasher = hasher;
        authenticator.init();
    }

    private ApiKey add(String secret) {
        ApiKey key = new ApiKey("key_" + secret.hashCode(), "k", hasher.hash(secret), "aigw-", "acme",
                Set.of(GatewayRole.USER), List.of(), LocalDateTime.now());
        store.byHash.put(hasher.hash(secret), key);
        return key;
    }

    @Test
    void unknownKeysAreRefusedWithoutAskingTheDatabaseKeyByKey() {
        add("aigw-valid");
        for (int i = 0; i < 100; i++) {
            String sprayed = "aigw-random-" + i;
            GatewayException e = catchThrowableOfType(() -> authenticator.authenticate(sprayed),
                    GatewayException.class);
            assertThat(e.problem()).isEqualTo(Problem.UNAUTHENTICATED);
        }
        assertThat(store.lookups).hasValue(0);
        assertThat(store.hashLoads).hasValue(1);
        assertThat(authenticator.authenticate("aigw-valid").tenant()).isEqualTo("acme");
        assertThat(store.lookups).hasValue(1);
    }

    @Test
    void aKeyCreatedHereWorksAtOnceAndARevokedOneStopsAtOnce() {
        assertThat(catchThrowableOfType(() -> authenticator.authenticate("aigw-new"), GatewayException.class))
                .isNotNull();
        ApiKey created = add("aigw-new");
        authenticator.invalidate();
        assertThat(authenticator.authenticate("aigw-new").keyId()).isEqualTo(created.getId());

        created.revoke(LocalDateTime.now());
        authenticator.invalidate();
        assertThat(catchThrowableOfType(() -> authenticator.authenticate("aigw-new"), GatewayException.class)
                .problem()).isEqualTo(Problem.UNAUTHENTICATED);
    }

    @Test
    void aFloodOfUnknownKeysNeverEvictsAValidKeysEntry() {
        add("aigw-valid");
        authenticator.authenticate("aigw-valid");
        for (int i = 0; i < 20_000; i++) {
            String sprayed = "aigw-random-" + i;
            catchThrowableOfType(() -> authenticator.authenticate(sprayed), GatewayException.class);
        }
        authenticator.authenticate("aigw-valid");
        assertThat(store.lookups).as("the valid key stayed cached").hasValue(1);
    }
}
