package io.aigw.policy.alert;

import io.aigw.policy.audit.AuditUnavailableException;
import io.aigw.policy.audit.DeliveryAudit;
import io.aigw.policy.config.GatewayClock;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends webhooks from a bounded queue: at most {@code aigw.alerts.queue-capacity} deliveries wait at once (attempts
 * due and retries scheduled); beyond, a new delivery is dropped, counted and audited rather than queued. A few
 * threads of their own ({@code aigw.alerts.delivery-threads}) make the attempts on the {@link RetrySchedule}, each
 * signed afresh with the same {@code webhook-id}; a firing that must be claimed ({@link AlertClaims}) is claimed on
 * these threads too, never on a request's. Each delivery is audited once when it ends ({@link DeliveryAudit}).
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    AlertSettings settings;

    @Inject
    WebhookSecrets secrets;

    @Inject
    AlertClaims claims;

    @Inject
    DeliveryAudit audit;

    @Inject
    GatewayClock clock;

    private ScheduledThreadPoolExecutor executor;
    private Semaphore capacity;
    private int queueCapacity;
    private RetrySchedule schedule;
    private Duration timeout;
    private boolean allowPrivate;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * A firing to claim before it is sent.
     *
     * @param subject  what fired (a budget's period and fraction, a series)
     * @param cooldown how long the subject stays quiet after, or {@code null}: once
     */
    public record Claim(String subject, Duration cooldown) {
    }

    @PostConstruct
    void init() {
        configure(settings.retrySchedule(), settings.timeout(), settings.queueCapacity(), settings.deliveryThreads(),
                settings.allowPrivateNetworks());
    }

    /** Sets what {@link #init()} takes from the settings, and starts the threads. */
    void configure(RetrySchedule retries, Duration attemptTimeout, int queueCapacity, int threads,
                   boolean privateNetworks) {
        this.schedule = retries;
        this.timeout = attemptTimeout;
        this.capacity = new Semaphore(queueCapacity);
        this.queueCapacity = queueCapacity;
        this.allowPrivate = privateNetworks;
        AtomicInteger n = new AtomicInteger();
        executor = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, "aigw-webhook-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /**
     * Queues a message to the alert's webhook, claimed first when {@code claim} is given.
     *
     * @param tenant the tenant the alert concerns (for the audit), or {@code null}
     * @return the message, or empty when it was dropped because the queue is full
     */
    public Optional<WebhookMessage> send(Alert alert, String type, JsonObject data, String tenant, Claim claim) {
        Instant at = clock.now();
        WebhookMessage message = WebhookMessage.of(type, at, data);
        Delivery d = new Delivery(alert, message, tenant, claim, at);
        if (!capacity.tryAcquire()) {
            dropped.incrementAndGet();
            LOG.warning("Webhook delivery queue full: dropped " + type + " of alert '" + alert.name() + "' ("
                    + message.id() + ")");
            d.end(null, "webhook_dropped", "The delivery queue was full (aigw.alerts.queue-capacity).", "dropped",
                    false);
            return Optional.empty();
        }
        try {
            executor.execute(() -> first(d));
        } catch (RejectedExecutionException e) {
            capacity.release();
            return Optional.empty();
        }
        return Optional.of(message);
    }

    /** Deliveries that ended delivered, failed after their attempts, and dropped, since the start. */
    public long[] counts() {
        return new long[]{delivered.get(), failed.get(), dropped.get()};
    }

    /** Deliveries waiting now (attempts due and retries scheduled). */
    public int waiting() {
        return queueCapacity - capacity.availablePermits();
    }

    private void first(Delivery d) {
        if (d.claim != null && !claims.claim(d.alert.name(), d.claim.subject(), d.firedAt, d.claim.cooldown())) {
            capacity.release();
            return;
        }
        attempt(d);
    }

    private void attempt(Delivery d) {
        try {
            WebhookPost.Attempt a = once(d);
            d.attempts.add(JSON.createObjectBuilder().add("attempt", d.attemptCount).add("status", a.status())
                    .add("latency_ms", d.lastLatency).add("error", a.error() == null ? "" : a.error()));
            if (a.delivered()) {
                delivered.incrementAndGet();
                d.end(a.status(), null, null, "delivered", true);
                capacity.release();
                return;
            }
            Optional<Duration> wait = RetrySchedule.retryable(a.status())
                    ? schedule.next(d.attemptCount, a.retryAfter()) : Optional.empty();
            if (wait.isPresent() && !executor.isShutdown()) {
                executor.schedule(() -> attempt(d), wait.get().toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            failed.incrementAndGet();
            d.end(a.status() <= 0 ? null : a.status(), "webhook_failed", a.status() <= 0 ? a.error()
                    : "The receiver answered HTTP " + a.status() + ".", "failed", true);
            capacity.release();
        } catch (RuntimeException e) {
            capacity.release();
            LOG.log(Level.WARNING, "Webhook delivery " + d.message.id() + " of alert '" + d.alert.name() + "' failed",
                    e);
        }
    }

    /** One attempt: resolve and check the address, open the secret, sign, send. */
    private WebhookPost.Attempt once(Delivery d) {
        d.attemptCount++;
        long started = System.nanoTime();
        if (d.startedNanos == 0) {
            d.startedNanos = started;
        }
        WebhookPost.Attempt a;
        try {
            InetAddress address = d.alert.url().resolve(allowPrivate);
            String secret = secrets.open(d.alert.name(), d.alert.sealedSecret());
            a = WebhookPost.send(d.alert.url(), address, d.message.headers(secret, clock.now()), d.message.body(),
                    timeout);
        } catch (UnknownHostException e) {
            a = new WebhookPost.Attempt(0, null, "the host does not resolve to an allowed address");
        } catch (GeneralSecurityException e) {
            a = new WebhookPost.Attempt(-1, null, "the signing secret cannot be opened (another "
                    + "aigw.auth.key-hash-secret?)");
        }
        d.lastLatency = (System.nanoTime() - started) / 1_000_000;
        return a;
    }

    /** A delivery under way. Only one thread at a time works on it (its attempts follow each other). */
    private final class Delivery {
        final Alert alert;
        final WebhookMessage message;
        final String tenant;
        final Claim claim;
        final Instant firedAt;
        final JsonArrayBuilder attempts = JSON.createArrayBuilder();
        int attemptCount;
        long startedNanos;
        long lastLatency;

        Delivery(Alert alert, WebhookMessage message, String tenant, Claim claim, Instant firedAt) {
            this.alert = alert;
            this.message = message;
            this.tenant = tenant;
            this.claim = claim;
            this.firedAt = firedAt;
        }

        /** Audits the delivery's end: durable before this returns, or only queued ({@code durable} false). */
        void end(Integer status, String errorCode, String error, String outcome, boolean durable) {
            long latency = startedNanos == 0 ? 0 : (System.nanoTime() - startedNanos) / 1_000_000;
            JsonObjectBuilder details = JSON.createObjectBuilder().add("alert", alert.name())
                    .add("kind", alert.spec().kind().wireName()).add("event_type", message.type())
                    .add("webhook_id", message.id()).add("outcome", outcome).add("attempt_count", attemptCount)
                    .add("attempts", attempts);
            if (claim != null) {
                details.add("subject", claim.subject());
            }
            try {
                audit.record(new DeliveryAudit.Delivery(message.id(), firedAt, tenant, alert.url().redacted(),
                        status == null || status <= 0 ? null : status, errorCode, error, latency, details.build()),
                        durable);
            } catch (AuditUnavailableException | RuntimeException e) {
                LOG.log(Level.WARNING, "Could not audit webhook delivery " + message.id() + " of alert '"
                        + alert.name() + "' (" + outcome + ")", e);
            }
        }
    }
}
