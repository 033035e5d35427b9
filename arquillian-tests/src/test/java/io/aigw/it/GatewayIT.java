package io.aigw.it;

import io.aigw.it.support.AuditTrail;
import io.aigw.it.support.Gateway;
import io.aigw.it.support.GatewayDeployment;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every integration test class shares: the built EAR deployed in client mode, an HTTP client for the gateway and
 * the audit trail reader.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class GatewayIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return GatewayDeployment.ear();
    }

    @ArquillianResource
    URL url;

    Gateway gateway;
    AuditTrail audit;

    @BeforeEach
    void connect() {
        gateway = new Gateway(url);
        audit = new AuditTrail(gateway);
    }
}
