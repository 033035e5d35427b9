package io.aigw.it.twoservers;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the two-server fixture lives, from the system properties failsafe passes (see the module's pom).
 *
 * @param wlpDir       the Liberty install ({@code aigw.wlp.dir}) that also holds the Arquillian server "aigw"
 * @param ear          the built gateway EAR ({@code aigw.ear})
 * @param workDir      the fixture's own folder under target ({@code aigw.two.work.dir})
 * @param httpPortA    server A's HTTP port ({@code aigw.two.http.port.a})
 * @param httpPortB    server B's HTTP port ({@code aigw.two.http.port.b})
 * @param postgresPort the PostgreSQL server's port ({@code aigw.two.postgres.port})
 * @param fakePort     the fake OpenAI upstream's port ({@code aigw.two.fake.port})
 * @param adminKey     the bootstrap admin key of both servers ({@code aigw.admin.key})
 */
record TwoServerSettings(Path wlpDir, Path ear, Path workDir, int httpPortA, int httpPortB, int postgresPort,
                         int fakePort, String adminKey) {

    /** Reads the settings; fails if a folder or file the fixture needs is missing. */
    static TwoServerSettings fromSystemProperties() {
        return new TwoServerSettings(existing("aigw.wlp.dir"), existing("aigw.ear"),
                Path.of(required("aigw.two.work.dir")).toAbsolutePath(), Integer.getInteger("aigw.two.http.port.a", 9681),
                Integer.getInteger("aigw.two.http.port.b", 9682), Integer.getInteger("aigw.two.postgres.port", 9683),
                Integer.getInteger("aigw.two.fake.port", 9684), required("aigw.admin.key"));
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set (run through failsafe)");
        }
        return value;
    }

    private static Path existing(String name) {
        Path path = Path.of(required(name)).toAbsolutePath();
        if (!Files.exists(path)) {
            throw new IllegalStateException(name + " points at " + path + ", which does not exist");
        }
        return path;
    }
}
