package io.aigw.it.twoservers;

import io.aigw.it.fake.FakeOpenAiServer;
import io.aigw.it.servers.GatewayServer;
import io.aigw.it.servers.ServerSpec;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Two gateway servers, {@code aigw-two-a} and {@code aigw-two-b}, on one PostgreSQL database, behind one fake OpenAI
 * upstream. The servers are started at the same moment on the empty database (both migrate it, one of them does),
 * with their own node ids and the same key-hash secret, as the admin guide asks of servers sharing a database; A
 * names its database with {@code AIGW_DB_URL}, B with {@code AIGW_DB_HOST}/{@code _PORT}/{@code _NAME}. Keys are
 * looked up again after one second, so that a key changed on one server takes effect on the other within it.
 *
 * <p>Tests get it as a parameter through {@link Extension} ({@code @ExtendWith(TwoServers.Extension.class)}): it is
 * started once per test run, shared by every test class that asks for it, and stopped when the run ends.
 */
public final class TwoServers implements ExtensionContext.Store.CloseableResource {

    /** How long a server takes at most to see a key changed on the other ({@code aigw.auth.key-cache-ttl}). */
    /** How soon a limit or budget set on one server holds on the other. */
    public static final Duration QUOTAS_REFRESH = Duration.ofSeconds(1);
    public static final Duration KEY_CACHE_TTL = Duration.ofSeconds(1);

    private final TwoServerSettings settings;
    private final String databasePassword = randomHex(16);
    private final FakeOpenAiServer upstream;
    private final PostgresServer database;
    private final GatewayServer a;
    private final GatewayServer b;
    private final Duration startedIn;

    /** Resolves parameters of type {@link TwoServers} with the run's one instance, starting it on first use. */
    public static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TwoServers.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.create(TwoServers.class))
                    .getOrComputeIfAbsent(TwoServers.class, k -> start(), TwoServers.class);
        }
    }

    private TwoServers(TwoServerSettings settings) throws Exception {
        this.settings = settings;
        upstream = FakeOpenAiServer.start(settings.fakePort());
        database = PostgresServer.start(settings.workDir().resolve("postgres/data"), settings.postgresPort(),
                databasePassword);
        String hashSecret = randomHex(24);
        Map<String, String> envA = environment("two-a", hashSecret);
        envA.put("AIGW_DB_URL", database.jdbcUrl());
        Map<String, String> envB = environment("two-b", hashSecret);
        envB.put("AIGW_DB_HOST", "localhost");
        envB.put("AIGW_DB_PORT", Integer.toString(database.port()));
        envB.put("AIGW_DB_NAME", PostgresServer.DATABASE);
        a = GatewayServer.create(spec("aigw-two-a", settings.httpPortA(), envA));
        b = GatewayServer.create(spec("aigw-two-b", settings.httpPortB(), envB));
        long begin = System.nanoTime();
        CompletableFuture<Void> startA = CompletableFuture.runAsync(a::start);
        CompletableFuture<Void> startB = CompletableFuture.runAsync(b::start);
        CompletableFuture.allOf(startA, startB).join();
        startedIn = Duration.ofNanos(System.nanoTime() - begin);
    }

    private static TwoServers start() {
        try {
            return new TwoServers(TwoServerSettings.fromSystemProperties());
        } catch (Exception e) {
            throw new IllegalStateException("the two-server fixture did not start", e);
        }
    }

    /** Server A ({@code aigw-two-a}, node {@code two-a}). */
    public GatewayServer a() {
        return a;
    }

    /** Server B ({@code aigw-two-b}, node {@code two-b}). */
    public GatewayServer b() {
        return b;
    }

    /** Both servers, A first. */
    public List<GatewayServer> servers() {
        return List.of(a, b);
    }

    /** A server's node id in the audit trail. */
    public String nodeId(GatewayServer server) {
        return server == a ? "two-a" : "two-b";
    }

    /** The shared database. */
    public PostgresServer database() {
        return database;
    }

    /** The password of the database role, which no log may show. */
    public String databasePassword() {
        return databasePassword;
    }

    /** The fake OpenAI upstream both servers call. */
    public FakeOpenAiServer upstream() {
        return upstream;
    }

    /** The bootstrap admin key of both servers. */
    public String adminKey() {
        return settings.adminKey();
    }

    /** How long the two servers took to start together, until both were ready. */
    public Duration startedIn() {
        return startedIn;
    }

    @Override
    public void close() throws Exception {
        try {
            a.close();
        } finally {
            try {
                b.close();
            } finally {
                try {
                    database.close();
                } finally {
                    upstream.stop();
                }
            }
        }
    }

    private Map<String, String> environment(String node, String hashSecret) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AIGW_DATABASE", "postgresql");
        env.put("AIGW_DB_USER", PostgresServer.USER);
        env.put("AIGW_DB_PASSWORD", databasePassword);
        env.put("AIGW_NODE_ID", node);
        env.put("AIGW_AUTH_KEY_HASH_SECRET", hashSecret);
        env.put("AIGW_AUTH_KEY_CACHE_TTL", KEY_CACHE_TTL.toString());
        env.put("AIGW_OPENAI_API_KEY", FakeOpenAiServer.UPSTREAM_KEY);
        env.put("AIGW_CONNECTIONS", "openai");
        env.put("AIGW_QUOTAS_REFRESH", QUOTAS_REFRESH.toString());
        // TwoServerAlertsIT's webhook receiver listens on loopback
        env.put("AIGW_ALERTS_ALLOW_PRIVATE_NETWORKS", "true");
        return env;
    }

    private ServerSpec spec(String name, int port, Map<String, String> environment) {
        return new ServerSpec(name, settings.wlpDir(), settings.ear(), port, settings.adminKey(),
                settings.workDir().resolve(name + "-home"), environment,
                Map.of("aigw.openai.base-url", upstream.baseUrl()), Map.of());
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
