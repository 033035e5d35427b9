package io.aigw.it.servers;

import java.nio.file.Path;
import java.util.Map;

/**
 * What one gateway server laid out by a test is made of.
 *
 * @param name         the Liberty server's name (its folder under {@code usr/servers})
 * @param wlpDir       the Liberty install that also holds the Arquillian server "aigw", whose {@code aigw/} folder and
 *                     {@code jvm.options} are copied
 * @param ear          the built gateway EAR, deployed from where it is
 * @param httpPort     the HTTP port (no HTTPS)
 * @param adminKey     the bootstrap admin key
 * @param home         the data folder ({@code AIGW_HOME}), emptied when the server is laid out
 * @param environment  more of its {@code server.env}
 * @param bootstrap    its {@code bootstrap.properties}
 * @param aigwIncludes files written into its {@code aigw/} folder over the copied ones (name to XML text), e.g. a
 *                     replaced {@code aigw-derby.xml}
 */
public record ServerSpec(String name, Path wlpDir, Path ear, int httpPort, String adminKey, Path home,
                         Map<String, String> environment, Map<String, String> bootstrap,
                         Map<String, String> aigwIncludes) {

    /** The server's folder. */
    public Path serverDir() {
        return wlpDir.resolve("usr/servers/" + name);
    }

    /** The server's {@code messages.log}. */
    public Path messagesLog() {
        return serverDir().resolve("logs/messages.log");
    }
}
