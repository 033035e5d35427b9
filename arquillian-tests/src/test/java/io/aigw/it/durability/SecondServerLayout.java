package io.aigw.it.durability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes the folder of the second server, {@code ${wlp.dir}/usr/servers/aigw-dur}: the {@code aigw/} include folder
 * and {@code jvm.options} copied from the Arquillian server "aigw" (where the build unpacked them), and a
 * {@code server.xml}, {@code server.env} and {@code bootstrap.properties} of its own.
 *
 * <p>The database: the copied {@code aigw/aigw-derby.xml} (the embedded default) is replaced by one for the Derby
 * Network Server, with the same data source id and JNDI name, as the admin guide has an operator replace it with one for
 * a server database. The tests check that the server really uses the network server.
 */
final class SecondServerLayout {

    /** The server's name. */
    static final String NAME = "aigw-dur";

    private final DurabilitySettings settings;

    SecondServerLayout(DurabilitySettings settings) {
        this.settings = settings;
    }

    /** The server's folder. */
    Path serverDir() {
        return settings.wlpDir().resolve("usr/servers/" + NAME);
    }

    /** Replaces the server's folder and data folder with fresh ones. */
    void write() {
        Path source = settings.wlpDir().resolve("usr/servers/aigw");
        if (!Files.isRegularFile(source.resolve("aigw/aigw.xml")) || !Files.isRegularFile(source.resolve("jvm.options"))) {
            throw new IllegalStateException(source + " has no aigw/aigw.xml or jvm.options: the build unpacks them "
                    + "there at pre-integration-test");
        }
        try {
            deleteTree(serverDir());
            deleteTree(settings.aigwHome());
            Files.createDirectories(settings.aigwHome());
            copyTree(source.resolve("aigw"), serverDir().resolve("aigw"));
            Files.copy(source.resolve("jvm.options"), serverDir().resolve("jvm.options"));
            Files.writeString(serverDir().resolve("aigw/aigw-derby.xml"), databaseXml());
            Files.writeString(serverDir().resolve("server.xml"), serverXml());
            Files.writeString(serverDir().resolve("server.env"), serverEnv());
            Files.writeString(serverDir().resolve("bootstrap.properties"),
                    "aigw.openai.base-url=http://127.0.0.1:" + settings.fakePort() + "/v1\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out " + serverDir(), e);
        }
    }

    private String databaseXml() {
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
                """.formatted(attribute(settings.derbyClientLib().toString()), NetworkDatabase.NAME,
                settings.derbyPort());
    }

    private String serverXml() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by AuditDurabilityIT: the aigw include (its database on a Derby Network Server). -->
                <server description="aigw durability tests">
                  <include location="${server.config.dir}/aigw/aigw.xml"/>

                  <httpEndpoint id="defaultHttpEndpoint" host="localhost" httpPort="%d" httpsPort="-1">
                    <httpOptions maxKeepAliveRequests="-1"/>
                  </httpEndpoint>
                  <webAppSecurity useAuthenticationDataForUnprotectedResource="false"/>

                  <enterpriseApplication id="aigw" name="aigw" location="%s"/>
                </server>
                """.formatted(settings.httpPort(), attribute(settings.ear().toString()));
    }

    private String serverEnv() {
        return "AIGW_HOME=" + settings.aigwHome() + "\n"
                + "AIGW_BOOTSTRAP_ADMIN_KEY=" + settings.adminKey() + "\n"
                + "AIGW_OPENAI_API_KEY=sk-upstream-test\n"
                + "AIGW_CONNECTIONS=openai\n";
    }

    private static String attribute(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Deletes a folder and everything in it, if it exists. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
