package io.aigw.web.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.aigw.policy.route.BreakerSpec;
import io.aigw.policy.routing.TargetBreakers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RoutingHealthTest {

    /** The plain builder a MicroProfile Health implementation provides (Liberty's in the server). */
    private static final class Builder extends HealthCheckResponseBuilder {
        private String name;
        private HealthCheckResponse.Status status = HealthCheckResponse.Status.DOWN;
        private final Map<String, Object> data = new LinkedHashMap<>();

        @Override public HealthCheckResponseBuilder name(String n) { name = n; return this; }
        @Override public HealthCheckResponseBuilder withData(String k, String v) { data.put(k, v); return this; }
        @Override public HealthCheckResponseBuilder withData(String k, long v) { data.put(k, v); return this; }
        @Override public HealthCheckResponseBuilder withData(String k, boolean v) { data.put(k, v); return this; }
        @Override public HealthCheckResponseBuilder up() { return status(true); }
        @Override public HealthCheckResponseBuilder down() { return status(false); }

        @Override
        public HealthCheckResponseBuilder status(boolean up) {
            status = up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN;
            return this;
        }

        @Override
        public HealthCheckResponse build() {
            return new HealthCheckResponse(name, status, Optional.of(Map.copyOf(data)));
        }
    }

    @BeforeAll
    static void provider() {
        HealthCheckResponse.setResponseProvider(Builder::new);
    }

    @Test
    void reportsEveryBreakerAndStaysUpWhileOneIsOpen() {
        TargetBreakers breakers = new TargetBreakers();
        BreakerSpec spec = new BreakerSpec(0.5, 2, Duration.ofSeconds(30), Duration.ofSeconds(30));
        breakers.of("openai/gpt-4o-mini", spec).recordSuccess();
        var failing = breakers.of("anthropic/claude-haiku-4-5", spec);
        failing.recordFailure();
        failing.recordFailure();
        RoutingHealth check = new RoutingHealth();
        check.breakers = breakers;

        HealthCheckResponse response = check.call();

        assertThat(response.getName()).isEqualTo("routing");
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData()).contains(Map.<String, Object>of("openai/gpt-4o-mini", "closed",
                "anthropic/claude-haiku-4-5", "open"));
    }
}
