package io.aigw.web.health;

import io.aigw.policy.routing.TargetBreakers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The state of every route target's circuit breaker on this server ({@code closed}, {@code open},
 * {@code half_open}) as the {@code routing} check's data. Always UP: an open breaker is routing doing its job (the
 * route's other targets answer), not a reason to take the server out of service.
 */
@Readiness
@ApplicationScoped
public class RoutingHealth implements HealthCheck {

    @Inject
    TargetBreakers breakers;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("routing").up();
        breakers.states().forEach(b::withData);
        return b.build();
    }
}
