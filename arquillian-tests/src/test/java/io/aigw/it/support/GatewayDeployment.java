package io.aigw.it.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The built gateway EAR (EJB + WAR only: the resource adapter and the API are deployed beside it). */
public final class GatewayDeployment {

    private GatewayDeployment() {
    }

    public static EnterpriseArchive ear() {
        File file = new File(System.getProperty("aigw.ear"));
        EnterpriseArchive ear = ShrinkWrap.create(EnterpriseArchive.class, "aigw.ear")
                .merge(ShrinkWrap.createFromZipFile(EnterpriseArchive.class, file));
        if (ear.get("/lib") != null) {
            throw new IllegalStateException("the EAR must not carry lib/: the API comes from the user feature");
        }
        return ear;
    }
}
