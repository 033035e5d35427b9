package io.aigw.policy.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * A PostgreSQL server for the benchmarks (the same embedded binaries the tests use): a fresh data folder, role
 * {@code aigw} with the given password owning database {@code aigw}, on the given port; it prints {@code ready} and
 * runs until the process is stopped (its shutdown hook stops the server).
 *
 * <p>Usage: {@code BenchPostgres <data folder> <port> <password>}
 */
public final class BenchPostgres {

    private BenchPostgres() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        String password = args[2];
        Files.createDirectories(data);
        File log = data.resolveSibling("postgres.log").toFile();
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data)
                .setCleanDataDirectory(true).setServerConfig("shared_buffers", "512MB")
                .setServerConfig("max_wal_size", "4GB")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log)).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "bench-postgres-stop"));
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE aigw LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            s.execute("CREATE DATABASE aigw OWNER aigw");
        }
        System.out.println("ready");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
