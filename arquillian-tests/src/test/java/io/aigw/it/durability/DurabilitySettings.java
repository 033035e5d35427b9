package io.aigw.it.durability;

import io.aigw.it.servers.ServerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the second server and its companions live, from the system properties failsafe passes (see the module's
 * pom): the Liberty install, the built EAR, the Derby client library, a work folder and the ports.
 *
 * @param wlpDir          the Liberty install ({@code aigw.wlp.dir}) that also holds the Arquillian server "aigw"
 * @param ear             the built gateway EAR ({@code aigw.ear})
 * @param derbyClientLib  the folder with derbyclient, derbyshared and derbytools ({@code aigw.dur.derby.client.lib})
 * @param workDir         this test's own folder under target ({@code aigw.dur.work.dir})
 * @param httpPort        the second server's HTTP port ({@code aigw.dur.http.port})
 * @param fakePort        its fake OpenAI upstream's port ({@code aigw.dur.fake.port})
 * @param derbyPort       the Derby Network Server's port ({@code aigw.dur.derby.port})
 * @param adminKey        the bootstrap admin key, the same as the other tests' ({@code aigw.admin.key})
 */
record DurabilitySettings(Path wlpDir, Path ear, Path derbyClientLib, Path workDir, int httpPort, int fakePort,
                          int derbyPort, String adminKey) {

    /** Reads the settings; fails if a folder or file the tests need is missing. */
    static DurabilitySettings fromSystemProperties() {
        return new DurabilitySettings(existing("aigw.wlp.dir"), existing("aigw.ear"),
                existing("aigw.dur.derby.client.lib"), Path.of(required("aigw.dur.work.dir")).toAbsolutePath(),
                Integer.getInteger("aigw.dur.http.port", 9582), Integer.getInteger("aigw.dur.fake.port", 9597),
                Integer.getInteger("aigw.dur.derby.port", 9598), required("aigw.admin.key"));
    }

    /**
     * The second server, {@code aigw-dur}: its own fake OpenAI upstream, and its database on the Derby Network Server.
     * The copied {@code aigw/aigw-derby.xml} (the embedded default) is replaced by one for the network server, with the
     * same data source id and JNDI name, as the admin guide has an operator replace it with one for a server database.
     */
    ServerSpec serverSpec() {
        return new ServerSpec("aigw-dur", wlpDir, ear, httpPort, adminKey, aigwHome(),
                Map.of("AIGW_OPENAI_API_KEY", "sk-upstream-test", "AIGW_CONNECTIONS", "openai"),
                Map.of("aigw.openai.base-url", "http://127.0.0.1:" + fakePort + "/v1"),
                Map.of("aigw-derby.xml", NetworkDatabase.dataSourceXml(derbyClientLib, derbyPort)));
    }

    /** The Derby system home of the network server (its database folder is {@code aigw} in it). */
    Path derbyHome() {
        return workDir.resolve("derby");
    }

    /** The second server's data folder ({@code AIGW_HOME}). */
    Path aigwHome() {
        return workDir.resolve("home");
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
