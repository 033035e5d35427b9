package io.aigw.policy.audit;

import io.aigw.policy.schema.SchemaMigrator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * Bulk-loads a generated audit trail into an aigw data folder while no server uses it (tests and benchmarks): the
 * embedded Derby database there is migrated, then {@code records} requests are written as the gateway writes them
 * (an accepted and an outcome event each, chained under the folder's key-hash secret, created if absent, so that
 * verification passes) through the product's own store, which also adds their usage to the aggregate store. Times
 * spread evenly over the {@code days} before now; tenants {@code tenant-00..19}, keys {@code key-000..199}, models,
 * connections, statuses and token counts drawn from a seeded random source, so a run is reproducible. A fifth of the
 * chats name a route ({@code chat-fast} or {@code chat-smart}) instead of their model, and every answered request is
 * priced in USD (1 per million input tokens, 4 per million output tokens), cost in its details as the gateway records
 * it.
 *
 * Does nothing when the node's events are there already (a rerun on the same folder).
 *
 * <p>Usage: {@code AuditTrailLoader <aigw.home> <records> <node> [days] [seed]}; with the system properties
 * {@code aigw.loader.url}, {@code aigw.loader.user} and {@code aigw.loader.password} it loads into that database
 * (PostgreSQL) instead, the data folder giving the secret only.
 */
public final class AuditTrailLoader {

    static final String SECRET_FILE = "aigw-key-hash.secret";
    static final String[] MODELS = {"openai/gpt-4o-mini", "openai/gpt-4o", "anthropic/claude-3-5-haiku-latest",
            "anthropic/claude-sonnet-4", "gemini/gemini-2.0-flash", "bedrock/anthropic.claude-3-5-haiku",
            "local/minilm", "openai/text-embedding-3-small"};
    static final String[] ROUTES = {"chat-fast", "chat-smart"};
    private static final int BATCH = 2000;

    private final AuditStore store = new AuditStore();
    private final AuditChain chain;
    private final String node;
    private final Random random;
    private long seq;
    private String hash = AuditChain.GENESIS;

    AuditTrailLoader(DataSource source, byte[] chainSecret, String node, long seed) {
        store.configure(source, Duration.ofMinutes(5));
        this.chain = new AuditChain(chainSecret);
        this.node = node;
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int records = Integer.parseInt(args[1]);
        String node = args[2];
        int days = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
        System.setProperty("derby.stream.error.file", home.resolve("derby-loader.log").toString());
        Files.createDirectories(home);
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName(home.resolve("derby/aigw").toString());
        derby.setCreateDatabase("create");
        String url = System.getProperty("aigw.loader.url");
        DataSource target = derby;
        if (url != null) {
            org.postgresql.ds.PGSimpleDataSource postgres = new org.postgresql.ds.PGSimpleDataSource();
            postgres.setURL(url);
            postgres.setUser(System.getProperty("aigw.loader.user"));
            postgres.setPassword(System.getProperty("aigw.loader.password"));
            target = postgres;
        }
        try (Connection c = target.getConnection()) {
            SchemaMigrator.bringUpToDate(c);
            try (var ps = c.prepareStatement("SELECT COUNT(*) FROM AIGW_AUDIT WHERE NODE_ID = ?")) {
                ps.setString(1, node);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        System.out.println("The audit trail of node " + node + " is loaded already: "
                                + rs.getLong(1) + " events");
                        shutdown(derby, url);
                        return;
                    }
                }
            }
        }
        long started = System.nanoTime();
        AuditTrailLoader loader = new AuditTrailLoader(target, chainSecret(home), node, seed);
        LocalDateTime end = LocalDateTime.now(ZoneOffset.UTC).minusMinutes(5).truncatedTo(ChronoUnit.MILLIS);
        loader.load(records, end.minusDays(days), end);
        System.out.printf("Loaded %d audit records (%d events) for node %s in %.1f s%n", records, 2L * records, node,
                (System.nanoTime() - started) / 1e9);
        shutdown(derby, url);
    }

    private static void shutdown(EmbeddedDataSource derby, String url) {
        if (url != null) {
            return;
        }
        try {
            derby.setShutdownDatabase("shutdown");
            derby.getConnection().close();
        } catch (SQLException expected) {
            // Derby reports a clean shutdown as an exception
        }
    }

    /** Writes {@code records} requests spread evenly over {@code [from, to)}, oldest first. */
    void load(int records, LocalDateTime from, LocalDateTime to) throws SQLException {
        long spanMillis = Duration.between(from, to).toMillis();
        List<AuditRecord> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < records; i++) {
            LocalDateTime at = from.plus(spanMillis * i / Math.max(1, records), ChronoUnit.MILLIS);
            String id = "ld" + HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(i);
            AuditRecord accepted = request(id, AuditRecords.ACCEPTED, at);
            AuditRecord outcome = request(id, AuditRecords.OUTCOME, at);
            batch.add(link(accepted));
            batch.add(link(outcome));
            if (batch.size() >= BATCH) {
                store.insert(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            store.insert(batch);
        }
    }

    private AuditRecord link(AuditRecord r) {
        hash = chain.link(r, node, ++seq, hash);
        return r;
    }

    private final int[] drawn = new int[6];

    private AuditRecord request(String id, String type, LocalDateTime at) {
        boolean outcome = AuditRecords.OUTCOME.equals(type);
        if (!outcome) {
            drawn[0] = random.nextInt(20);
            drawn[1] = random.nextInt(10);
            drawn[2] = random.nextInt(MODELS.length);
            drawn[3] = random.nextInt(100);
            drawn[4] = random.nextInt(10);
            drawn[5] = random.nextInt(2000);
        }
        int tenant = drawn[0];
        String model = MODELS[drawn[2]];
        boolean embeddings = model.contains("embedding") || model.startsWith("local/");
        AuditRecord r = new AuditRecord(outcome ? id : "a" + id.substring(1), id, type);
        r.occurredAt(at);
        r.caller(String.format("key-%03d", tenant * 10 + drawn[1]), String.format("tenant-%02d", tenant));
        r.principal(String.format("app-%03d", tenant * 10 + drawn[1]));
        r.request(embeddings ? "embeddings" : "chat", "POST", embeddings ? "/v1/embeddings" : "/v1/chat/completions",
                "10.0." + tenant + "." + (drawn[1] + 1));
        // the draws decide the route too, so the other draws (and every earlier trail's values) stay as they were
        String route = !embeddings && drawn[4] >= 8 ? ROUTES[drawn[1] % 2] : null;
        r.routing(route == null ? model : route, model, model.substring(0, model.indexOf('/')),
                !embeddings && drawn[4] < 3);
        if (!outcome) {
            r.outcome(null, null, null);
            r.timing(0, null, null);
            return r;
        }
        r.route(route);
        int roll = drawn[3];
        if (roll < 92) {
            r.outcome(200, null, null);
            int in = 20 + drawn[5];
            int out = embeddings ? 0 : 5 + drawn[5] / 4;
            r.usage(in, out, roll < 20 ? in / 2 : 0, 0, 0, false);
            r.timing(80 + drawn[5], r.isStreamed() ? 40L + drawn[5] / 10 : null, embeddings ? null : "stop");
            long nanos = in * 1000L + out * 4000L;
            r.cost("USD", nanos);
            r.details("{\"cost\":{\"amount\":\"" + java.math.BigDecimal.valueOf(nanos, 9).stripTrailingZeros()
                    .toPlainString() + "\",\"currency\":\"USD\",\"price_version\":1,\"model\":\"" + model + "\"}}");
        } else if (roll < 96) {
            r.outcome(429, "rate_limited", "The provider's rate limit was reached.");
            r.timing(15, null, null);
        } else if (roll < 98) {
            r.outcome(502, "upstream_error", "The provider failed to answer.");
            r.timing(300, null, null);
        } else {
            r.outcome(400, "invalid_request", "The request is not valid.");
            r.timing(2, null, null);
        }
        return r;
    }

    /** The chain secret a server with this data folder uses, the folder's key-hash secret made first if absent. */
    static byte[] chainSecret(Path home) throws Exception {
        Path file = home.resolve(SECRET_FILE);
        if (!Files.exists(file)) {
            byte[] token = new byte[32];
            new SecureRandom().nextBytes(token);
            String secret = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(token);
            Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))), secret + "\n");
        }
        String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal("aigw-audit-chain-v1".getBytes(StandardCharsets.UTF_8));
    }
}
