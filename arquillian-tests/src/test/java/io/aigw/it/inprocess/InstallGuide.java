package io.aigw.it.inprocess;

import io.aigw.it.servers.ServerLayout;
import io.aigw.it.servers.ServerSpec;
import io.aigw.it.support.Folders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Installs aigw into an existing server the way the README's "Installing into an existing Liberty server" says,
 * from the built {@code usr} zip: {@code extension/} into the user folder, the server folder's {@code aigw/},
 * {@code apps/aigw.ear} and the {@code jvm.options} lines into the existing server, and the two includes into its
 * {@code server.xml}. The existing server is "shop": its own features, users and application, and an
 * administrator-declared connection {@code eis/aigw/azure} with its own {@code authData}.
 */
final class InstallGuide {

    private final Path usrZip;
    private final Path sampleWar;
    private final int upstreamPort;

    InstallGuide(Path usrZip, Path sampleWar, int upstreamPort) {
        this.usrZip = usrZip;
        this.sampleWar = sampleWar;
        this.upstreamPort = upstreamPort;
    }

    void install(ServerSpec spec) {
        Path dir = spec.serverDir();
        Path usr = spec.wlpDir().resolve("usr");
        try {
            Folders.deleteTree(dir);
            Folders.deleteTree(spec.home());
            Files.createDirectories(spec.home());
            Files.createDirectories(dir.resolve("apps"));
            try (ZipFile zip = new ZipFile(usrZip.toFile())) {
                for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                    String name = e.getName();
                    if (e.isDirectory()) {
                        continue;
                    }
                    if (name.startsWith("extension/")) {
                        copy(zip, e, usr.resolve(name));
                    } else if (name.startsWith("servers/aigw/aigw/")) {
                        copy(zip, e, dir.resolve(name.substring("servers/aigw/".length())));
                    } else if (name.equals("servers/aigw/apps/aigw.ear") || name.equals("servers/aigw/jvm.options")) {
                        copy(zip, e, dir.resolve(name.substring("servers/aigw/".length())));
                    }
                }
            }
            Files.copy(sampleWar, dir.resolve("apps/aigw-sample-app.war"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve("server.xml"), serverXml(spec));
            ServerLayout.writeSettings(spec);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install aigw into " + dir, e);
        }
    }

    private static void copy(ZipFile zip, ZipEntry entry, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private String serverXml(ServerSpec spec) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- An existing server: the shop application, with aigw installed as the README's guide says. -->
                <server description="shop">
                  <featureManager>
                    <feature>restfulWS-3.1</feature>
                    <feature>cdi-4.0</feature>
                    <feature>jsonp-2.1</feature>
                    <feature>appSecurity-5.0</feature>
                    <feature>concurrent-3.0</feature>
                    <feature>mpConfig-3.1</feature>
                  </featureManager>

                  <httpEndpoint id="defaultHttpEndpoint" host="localhost" httpPort="%d" httpsPort="-1"/>

                  <basicRegistry id="shopUsers" realm="shop">
                    <user name="alice" password="alice-secret"/>
                  </basicRegistry>

                  <webApplication id="shop" name="shop" location="aigw-sample-app.war" contextRoot="/shop">
                    <application-bnd>
                      <security-role name="shopper"><user name="alice"/></security-role>
                    </application-bnd>
                  </webApplication>

                  <!-- the install guide, step 2 -->
                  <include location="${server.config.dir}/aigw/aigw.xml"/>
                  <include location="${server.config.dir}/aigw/aigw-app.xml"/>
                  <webAppSecurity useAuthenticationDataForUnprotectedResource="false"/>

                  <!-- a connection the administrator adds, with its own credentials -->
                  <authData id="azureAuth" user="azure" password="${env.AZURE_OPENAI_KEY}"/>
                  <connectionFactory id="azure" jndiName="eis/aigw/azure" containerAuthDataRef="azureAuth">
                    <connectionManager maxPoolSize="10" connectionTimeout="10s" enableContainerAuthForDirectLookups="true"/>
                    <properties.aigwjca connectionName="azure" protocol="openai" baseUrl="http://127.0.0.1:%d/v1"
                                        models="gpt-4o-mini"/>
                  </connectionFactory>
                </server>
                """.formatted(spec.httpPort(), upstreamPort);
    }
}
