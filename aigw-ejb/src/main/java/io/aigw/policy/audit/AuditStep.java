package io.aigw.policy.audit;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.chain.Exchange;
import io.aigw.policy.chain.PolicyChain;
import io.aigw.policy.chain.PolicyStep;
import io.aigw.policy.config.GatewaySettings;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The outermost step. While the audit trail cannot be written, requests are refused here, before anything is spent
 * (503 {@code audit_unavailable} with {@code Retry-After}). A request accepted for a provider gets its accepted event
 * queued at once (committed while the provider works; with {@code aigw.audit.write-ahead}, durable before the provider
 * is called), and durable before the first byte of a streamed answer. Whatever happens inside (decoding failures,
 * rejections, provider errors, aborted streams, even an {@link Error}), the outcome event is committed before the
 * answer is released; if it cannot be, the request fails with 503 and a stream under way ends with an error event
 * instead of its end marker. A request without a valid key is not committed on its own: it is counted into a
 * summary per client address and second, so that a client spraying keys cannot load the audit trail.
 */
@ApplicationScoped
@Priority(AuditStep.PRIORITY)
public class AuditStep implements PolicyStep {

    public static final int PRIORITY = 100;
    private static final Logger LOG = Logger.getLogger(AuditStep.class.getName());

    @Inject
    AuditWriter writer;

    @Inject
    GatewaySettings settings;

    @Inject
    io.aigw.policy.telemetry.GatewayMetrics metrics;

    @Inject
    io.aigw.policy.tracing.GatewayTracing tracing;

    @Inject
    io.aigw.policy.route.RouteTable routes;

    /** This server's traffic by minute, for error-rate, latency and usage-jump alerts. */
    @Inject
    io.aigw.policy.alert.TrafficRecorder traffic;

    @Override
    public void apply(Exchange exchange, PolicyChain chain) {
        tracing.begin(exchange);
        try {
            audited(exchange, chain);
        } finally {
            metrics.completed(exchange);
            traffic.completed(exchange);
            tracing.end(exchange);
        }
    }

    private void audited(Exchange exchange, PolicyChain chain) {
        if (!writer.available()) {
            GatewayException refused = unavailable(null);
            exchange.fail(refused);
            throw refused;
        }
        AcceptedEvent accepted = new AcceptedEvent(exchange);
        exchange.onAccept(accepted::queue);
        exchange.onAnswer(accepted::awaitDurable);
        GatewayException failure = null;
        try {
            chain.proceed(exchange);
        } catch (GatewayException e) {
            failure = e;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            LOG.log(Level.SEVERE, "Request " + exchange.id() + " failed unexpectedly", e);
            failure = new GatewayException(Problem.INTERNAL, "The gateway failed to process the request. Its id is "
                    + exchange.id() + ".", null, null, e);
        }
        if (failure != null) {
            exchange.fail(failure);
            if (failure.problem() == Problem.UNAUTHENTICATED && exchange.caller() == null) {
                summarise(exchange);
                throw failure;
            }
        }
        namedRoute(exchange);
        try {
            exchange.accept();
            writer.write(AuditRecords.outcome(exchange));
        } catch (AuditUnavailableException | GatewayException e) {
            GatewayException unaudited = e instanceof GatewayException g ? g : unavailable(e);
            if (exchange.responseCommitted()) {
                exchange.fail(unaudited);
                exchange.afterAuditFailed(unaudited);
                return;
            }
            exchange.fail(unaudited);
            throw unaudited;
        }
        if (failure != null) {
            throw failure;
        }
        exchange.runAfterAudit();
    }

    /**
     * Marks a request that named a route but never reached routing (refused by a policy step, or answered from the
     * route's cache) with that route, as routing marks those it runs: usage is counted by route either way.
     */
    private void namedRoute(Exchange exchange) {
        String requested = exchange.requestedModel();
        if (exchange.route() == null && requested != null && routes.isRoute(requested)) {
            exchange.route(requested);
        }
    }

    /** A request without a valid key: counted into its address's summary, not committed on its own. */
    private void summarise(Exchange exchange) {
        try {
            writer.summariseAuthFailure(exchange);
        } catch (AuditUnavailableException e) {
            throw unavailable(e);
        }
    }

    private GatewayException unavailable(Throwable cause) {
        return new GatewayException(Problem.AUDIT_UNAVAILABLE, "The audit trail is unavailable, so the gateway does "
                + "not answer requests. Retry later.", null, writer.retryAfter(), cause);
    }

    /** A request's accepted event: queued when the request is accepted, awaited before the answer's first byte. */
    private final class AcceptedEvent {
        private final Exchange exchange;
        private AuditWriter.Pending pending;

        AcceptedEvent(Exchange exchange) {
            this.exchange = exchange;
        }

        void queue() {
            try {
                AuditRecord event = AuditRecords.accepted(exchange);
                if (settings.auditWriteAhead()) {
                    writer.write(event);
                } else {
                    pending = writer.enqueue(event);
                }
            } catch (AuditUnavailableException e) {
                throw unavailable(e);
            }
        }

        void awaitDurable() {
            if (pending != null) {
                try {
                    writer.await(pending);
                } catch (AuditUnavailableException e) {
                    throw unavailable(e);
                }
            }
        }
    }
}
