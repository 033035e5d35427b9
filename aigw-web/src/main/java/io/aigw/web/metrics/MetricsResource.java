package io.aigw.web.metrics;

import io.aigw.policy.CallContext;
import io.aigw.policy.GatewayException;
import io.aigw.policy.GatewayService;
import io.aigw.policy.Problem;
import io.aigw.policy.chain.Operation;
import io.aigw.policy.telemetry.GatewayMetrics;
import io.aigw.policy.telemetry.MetricsSettings;
import io.aigw.policy.telemetry.PrometheusText;
import io.aigw.web.http.CallContexts;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /metrics}: Prometheus text (format 0.0.4). Scraping needs a key with the {@code metrics} (or
 * {@code admin}) role, sent as {@code Authorization: Bearer}, and is audited like any administrative read; with
 * {@code aigw.metrics.public=true} it answers without a key (and without an audit record, like {@code /health}).
 * With {@code aigw.metrics.enabled=false} it is 404.
 */
@Path("/metrics")
@ApplicationScoped
public class MetricsResource {

    @EJB
    GatewayService gateway;

    @Inject
    GatewayMetrics metrics;

    @Inject
    MetricsSettings settings;

    @GET
    public Response scrape(@Context HttpServletRequest request) {
        if (!settings.enabled()) {
            throw new GatewayException(Problem.NOT_FOUND, "Metrics are switched off (aigw.metrics.enabled=false).");
        }
        if (settings.open()) {
            return Response.ok(metrics.scrape(), PrometheusText.CONTENT_TYPE).header("Cache-Control", "no-store")
                    .build();
        }
        CallContext call = CallContexts.of(request);
        String text = gateway.manage(call, Operation.METRICS, ex -> metrics.scrape());
        return Response.ok(text, PrometheusText.CONTENT_TYPE).header("Cache-Control", "no-store")
                .header("x-request-id", call.requestId()).build();
    }
}
