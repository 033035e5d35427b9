package io.aigw.it.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * The built gateway EAR: EJB and WAR modules and their third-party libraries (Failsafe); the resource adapter and the
 * API are deployed beside it.
 */
public final class GatewayDeployment {

    private GatewayDeployment() {
    }

    public static EnterpriseArchive ear() {
        File file = new File(System.getProperty("aigw.ear"));
        EnterpriseArchive ear = ShrinkWrap.create(EnterpriseArchive.class, "aigw.ear")
                .merge(ShrinkWrap.createFromZipFile(EnterpriseArchive.class, file));
        if (ear.get("/lib") != null && ear.get("/lib").getChildren().stream()
                .anyMatch(n -> n.getPath().get().startsWith("/lib/aigw-"))) {
            throw new IllegalStateException("the EAR must not carry aigw's API in lib/: it comes from the user feature");
        }
        return ear;
    }
}
