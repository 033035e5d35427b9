package io.aigw.web.health;

import io.aigw.policy.audit.AuditWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Asks the audit database itself on every check: DOWN while it does not answer (the gateway refuses requests then,
 * before any provider call), UP again as soon as it does, with or without traffic.
 */
@Readiness
@ApplicationScoped
public class AuditReadiness implements HealthCheck {

    @Inject
    AuditWriter writer;

    @Override
    public HealthCheckResponse call() {
        boolean up = writer.probe();
        return HealthCheckResponse.named("audit").status(up)
                .withData("state", up ? "writable" : "the audit database does not answer").build();
    }
}
