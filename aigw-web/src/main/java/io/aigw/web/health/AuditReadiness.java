package io.aigw.web.health;

import io.aigw.policy.audit.AuditWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN while the last audit commit failed: the gateway refuses requests then (fail closed). */
@Readiness
@ApplicationScoped
public class AuditReadiness implements HealthCheck {

    @Inject
    AuditWriter writer;

    @Override
    public HealthCheckResponse call() {
        Throwable failure = writer.lastFailure();
        return HealthCheckResponse.named("audit").status(failure == null)
                .withData("state", failure == null ? "writable" : "last commit failed").build();
    }
}
