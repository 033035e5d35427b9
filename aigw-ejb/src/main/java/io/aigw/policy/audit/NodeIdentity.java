package io.aigw.policy.audit;

import io.aigw.policy.config.GatewaySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name of this gateway node in the audit trail: {@code aigw.node.id}, or host name and Liberty server name.
 * Every server sharing one database needs a distinct one. A name longer than the column (or with control characters)
 * is fitted to it, keeping names that differ distinct.
 */
@ApplicationScoped
public class NodeIdentity {

    @Inject
    GatewaySettings settings;

    static final int MAX_LENGTH = 100;

    private volatile String id;

    public String id() {
        String v = id;
        if (v == null) {
            v = AuditValues.fitName(settings.nodeId().orElseGet(NodeIdentity::derived), MAX_LENGTH);
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
        return node;
    }
}
