package io.aigw.policy.audit;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.chain.Exchange;
import io.aigw.policy.chain.PolicyChain;
import io.aigw.policy.chain.PolicyStep;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The outermost step: whatever happens inside (decoding failures, rejections, provider errors, aborted streams), the
 * exchange's row is committed before the answer is released. If it cannot be committed the request fails with 503
 * (fail closed); a stream already under way ends with an error event instead of its end marker.
 */
@ApplicationScoped
@Priority(AuditStep.PRIORITY)
public class AuditStep implements PolicyStep {

    public static final int PRIORITY = 100;
    private static final Logger LOG = Logger.getLogger(AuditStep.class.getName());

    @Inject
    AuditWriter writer;

    @Override
    public void apply(Exchange exchange, PolicyChain chain) {
        GatewayException failure = null;
        try {
            chain.proceed(exchange);
        } catch (GatewayException e) {
            failure = e;
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Request " + exchange.id() + " failed unexpectedly", e);
            failure = new GatewayException(Problem.INTERNAL, "The gateway failed to process the request. Its id is "
                    + exchange.id() + ".", null, null, e);
        }
        if (failure != null) {
            exchange.fail(failure);
        }
        try {
            writer.write(AuditRecords.of(exchange));
        } catch (AuditUnavailableException e) {
            GatewayException unaudited = new GatewayException(Problem.AUDIT_UNAVAILABLE, "The audit trail is "
                    + "unavailable, so the gateway does not answer requests. Retry later.", null, null, e);
            if (exchange.responseCommitted()) {
                exchange.fail(unaudited);
                exchange.afterAuditFailed(unaudited);
                return;
            }
            throw unaudited;
        }
        if (failure != null) {
            throw failure;
        }
        exchange.runAfterAudit();
    }
}
