package io.aigw.policy.audit;

import io.aigw.policy.config.GatewaySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name of this gateway node in the audit trail: {@code aigw.node.id}, or host name and Liberty server name.
 * Every server sharing one database needs a distinct one.
 */
@ApplicationScoped
public class NodeIdentity {

    @Inject
    GatewaySettings settings;

    private volatile String id;

    public String id() {
        String v = id;
        if (v == null) {
            v = settings.nodeId().orElseGet(NodeIdentity::derived);
            id = v;
        }
        return v;
    }

    private static String derived() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        String server = System.getProperty("wlp.server.name", "aigw");
        String node = host + ":" + server;
        return node.length() <= 100 ? node : node.substring(0, 100);
    }
}
