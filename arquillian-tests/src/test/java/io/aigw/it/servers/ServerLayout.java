package io.aigw.it.servers;

import io.aigw.it.support.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes a server's folder from its {@link ServerSpec}: the {@code aigw/} include folder and {@code jvm.options}
 * copied from the Arquillian server "aigw" (where the build unpacked them), the spec's include files over them, and a
 * {@code server.xml}, {@code server.env} and {@code bootstrap.properties} of its own.
 */
public final class ServerLayout {

    private ServerLayout() {
    }

    /** Replaces the server's folder and data folder with fresh ones. */
    static void write(ServerSpec spec) {
        Path source = spec.wlpDir().resolve("usr/servers/aigw");
        if (!Files.isRegularFile(source.resolve("aigw/aigw.xml")) || !Files.isRegularFile(source.resolve("jvm.options"))) {
            throw new IllegalStateException(source + " has no aigw/aigw.xml or jvm.options: the build unpacks them "
                    + "there at pre-integration-test");
        }
        Path dir = spec.serverDir();
        try {
            Folders.deleteTree(dir);
            Folders.deleteTree(spec.home());
            Files.createDirectories(spec.home());
            copyTree(source.resolve("aigw"), dir.resolve("aigw"));
            Files.copy(source.resolve("jvm.options"), dir.resolve("jvm.options"));
            for (Map.Entry<String, String> include : spec.aigwIncludes().entrySet()) {
                Files.writeString(dir.resolve("aigw").resolve(include.getKey()), include.getValue());
            }
            Files.writeString(dir.resolve("server.xml"), serverXml(spec));
            writeSettings(spec);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out " + dir, e);
        }
    }

    /**
     * Writes the server's {@code server.env} (its data folder, bootstrap admin key and the spec's environment) and
     * {@code bootstrap.properties}.
     */
    public static void writeSettings(ServerSpec spec) throws IOException {
        Files.writeString(spec.serverDir().resolve("server.env"), lines(serverEnv(spec)));
        Files.writeString(spec.serverDir().resolve("bootstrap.properties"), lines(spec.bootstrap()));
    }

    private static String serverXml(ServerSpec spec) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by the integration tests: the aigw include and the gateway EAR. -->
                <server description="aigw test server %s">
                  <include location="${server.config.dir}/aigw/aigw.xml"/>

                  <httpEndpoint id="defaultHttpEndpoint" host="localhost" httpPort="%d" httpsPort="-1">
                    <httpOptions maxKeepAliveRequests="-1"/>
                  </httpEndpoint>
                  <webAppSecurity useAuthenticationDataForUnprotectedResource="false"/>

                  <enterpriseApplication id="aigw" name="aigw" location="%s"/>
                </server>
                """.formatted(spec.name(), spec.httpPort(), attribute(spec.ear().toString()));
    }

    private static Map<String, String> serverEnv(ServerSpec spec) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("AIGW_HOME", spec.home().toString());
        env.put("AIGW_BOOTSTRAP_ADMIN_KEY", spec.adminKey());
        env.putAll(spec.environment());
        return env;
    }

    private static String lines(Map<String, String> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + "\n")
                .collect(Collectors.joining());
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
}
