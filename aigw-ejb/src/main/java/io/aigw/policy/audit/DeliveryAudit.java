package io.aigw.policy.audit;

import io.aigw.policy.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Audits webhook deliveries: one {@code webhook} event per delivery when it ends (delivered, failed after its
 * attempts, or dropped because the delivery queue was full), listed by the compliance API as a record of its own whose
 * id is the {@code webhook-id} (operation {@code webhook}). It names the alert, the URL without its query, the final
 * status and every attempt's status and latency; never the body's data beyond its type, never the signing secret.
 */
@ApplicationScoped
public class DeliveryAudit {

    /** The event type of a delivery. */
    public static final String EVENT = "webhook";
    /** The operation a delivery is listed under. */
    public static final String OPERATION = "webhook";

    @Inject
    AuditWriter writer;

    /**
     * A delivery's outcome.
     *
     * @param webhookId  the {@code webhook-id} (the record's id)
     * @param startedAt  when the first attempt started, or the delivery was dropped
     * @param tenant     the tenant the alert concerns, or {@code null}
     * @param url        the webhook URL without its query
     * @param status     the receiver's last HTTP status, or {@code null} when it never answered
     * @param errorCode  {@code webhook_failed}, {@code webhook_dropped}, or {@code null} when delivered
     * @param message    why it failed, or {@code null}
     * @param latency    milliseconds from the first attempt to the last answer
     * @param details    alert, event type, outcome, attempts
     */
    public record Delivery(String webhookId, Instant startedAt, String tenant, String url, Integer status,
                           String errorCode, String message, long latency, JsonObject details) {
    }

    /**
     * Writes the delivery's event.
     *
     * @param durable whether to return only once it is committed (else it is queued for the next commit)
     */
    public void record(Delivery d, boolean durable) throws AuditUnavailableException {
        AuditRecord r = new AuditRecord(RequestIds.next(), AuditValues.fit(d.webhookId(), 36), EVENT);
        r.occurredAt(LocalDateTime.ofInstant(d.startedAt(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS));
        r.caller(null, AuditValues.fit(d.tenant(), 100));
        r.request(OPERATION, "POST", AuditValues.fit(d.url(), 300), null);
        r.routing(null, null, null, false);
        r.outcome(d.status(), AuditValues.fit(d.errorCode(), 60), AuditValues.fit(d.message(), 500));
        r.timing(d.latency(), null, null);
        r.details(AuditDetails.fit(d.details()));
        if (durable) {
            writer.write(r);
        } else {
            writer.enqueue(r);
        }
    }
}
