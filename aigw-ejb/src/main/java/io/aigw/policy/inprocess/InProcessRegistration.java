package io.aigw.policy.inprocess;

import io.aigw.jca.api.gateway.AiGateways;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.logging.Logger;

/** Registers the in-process gateway while this application runs. */
@Singleton
@Startup
public class InProcessRegistration {

    private static final Logger LOG = Logger.getLogger(InProcessRegistration.class.getName());

    @EJB
    InProcessCalls calls;

    private InProcessGateway gateway;

    @PostConstruct
    void register() {
        gateway = new InProcessGateway(calls);
        AiGateways.register(gateway);
        LOG.info("aigw: in-process gateway registered for the other applications of this server");
    }

    @PreDestroy
    void unregister() {
        AiGateways.unregister(gateway);
    }
}
