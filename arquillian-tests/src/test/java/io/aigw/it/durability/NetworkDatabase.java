package io.aigw.it.durability;

import io.aigw.it.support.Folders;
import io.aigw.it.support.Poll;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.apache.derby.drda.NetworkServerControl;

/**
 * An Apache Derby Network Server inside the test JVM on 127.0.0.1, the second server's database {@value #NAME} in its
 * own system home, which the tests can shut down and start again while the gateway runs, and reach over JDBC (the
 * client driver, like the gateway).
 */
final class NetworkDatabase implements AutoCloseable {

    /** The database name, relative to the system home. */
    static final String NAME = "aigw";

    private static final Duration UP = Duration.ofSeconds(30);

    private final Path home;
    private final int port;
    private NetworkServerControl control;
    private PrintWriter console;

    /**
     * @param home the Derby system home (set as {@code derby.system.home} before the engine boots)
     * @param port the port to listen on
     */
    NetworkDatabase(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /** Starts the network server and waits until it answers a ping. */
    synchronized void start() throws Exception {
        Files.createDirectories(home);
        System.setProperty("derby.system.home", home.toString());
        if (console == null) {
            console = new PrintWriter(Files.newBufferedWriter(home.resolve("network-server.log"),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND), true);
        }
        control = new NetworkServerControl(InetAddress.getLoopbackAddress(), port);
        control.start(console);
        if (!Poll.until(UP, this::running)) {
            throw new IllegalStateException("the Derby Network Server on port " + port + " did not come up");
        }
    }

    /** Shuts the network server down (the gateway's connections break, new ones are refused). */
    synchronized void stop() throws Exception {
        if (control != null) {
            control.shutdown();
            control = null;
        }
    }

    /** Starts the network server unless it is running. */
    synchronized void ensureRunning() throws Exception {
        if (!running()) {
            start();
        }
    }

    /** Whether the network server answers a ping now. */
    synchronized boolean running() {
        if (control == null) {
            return false;
        }
        try {
            control.ping();
            return true;
        } catch (Exception down) {
            return false;
        }
    }

    /** A new connection to the database through the network server (auto-commit, user APP like the gateway's). */
    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:derby://localhost:" + port + "/" + NAME, "app", "app");
    }

    @Override
    public synchronized void close() throws Exception {
        try {
            stop();
        } finally {
            if (console != null) {
                console.close();
                console = null;
            }
        }
    }

    /**
     * An include that declares the gateway's data source ({@code aigwDataSource}, {@code jdbc/aigw}) on this network
     * server's database, through the Derby client driver in {@code clientLib}.
     */
    static String dataSourceXml(Path clientLib, int port) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by AuditDurabilityIT: the gateway's database on a Derby Network Server. -->
                <server>
                  <library id="aigwDerbyClientLib">
                    <fileset dir="%s" includes="*.jar"/>
                  </library>
                  <dataSource id="aigwDataSource" jndiName="jdbc/aigw" statementCacheSize="50">
                    <jdbcDriver libraryRef="aigwDerbyClientLib"/>
                    <properties.derby.client databaseName="%s" serverName="localhost" portNumber="%d" user="app" password="app"
                                             createDatabase="create"/>
                    <connectionManager maxPoolSize="20" minPoolSize="1" connectionTimeout="5s"/>
                  </dataSource>
                </server>
                """.formatted(clientLib.toString().replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;"),
                NAME, port);
    }

    /** Deletes the system home of an earlier run (before {@link #start()}). */
    void deleteEarlierRun() throws IOException {
        Folders.deleteTree(home);
    }
}
