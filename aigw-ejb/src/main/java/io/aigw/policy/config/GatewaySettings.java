package io.aigw.policy.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The gateway's MicroProfile Config settings ({@code aigw.*}); the README's configuration table lists them. */
@ApplicationScoped
public class GatewaySettings {

    @Inject
    @ConfigProperty(name = "aigw.home", defaultValue = "${user.home}/.aigw")
    String home;

    @Inject
    @ConfigProperty(name = "aigw.bootstrap.admin-key")
    Optional<String> bootstrapAdminKey;

    @Inject
    @ConfigProperty(name = "aigw.auth.key-hash-secret")
    Optional<String> keyHashSecret;

    @Inject
    @ConfigProperty(name = "aigw.auth.key-cache-ttl", defaultValue = "PT30S")
    String keyCacheTtl;

    @Inject
    @ConfigProperty(name = "aigw.connections", defaultValue = "*")
    List<String> connections;

    @Inject
    @ConfigProperty(name = "aigw.routing.default-connection", defaultValue = "openai")
    String defaultConnection;

    @Inject
    @ConfigProperty(name = "aigw.models.cache-ttl", defaultValue = "PT60S")
    String modelsCacheTtl;

    @Inject
    @ConfigProperty(name = "aigw.node.id")
    Optional<String> nodeId;

    @Inject
    @ConfigProperty(name = "aigw.audit.statement-timeout", defaultValue = "PT5S")
    String auditStatementTimeout;

    @Inject
    @ConfigProperty(name = "aigw.compliance.query-timeout", defaultValue = "PT30S")
    String complianceQueryTimeout;

    @Inject
    @ConfigProperty(name = "aigw.audit.queue-capacity", defaultValue = "10000")
    int auditQueueCapacity;

    @Inject
    @ConfigProperty(name = "aigw.audit.probe-interval", defaultValue = "PT2S")
    String auditProbeInterval;

    @Inject
    @ConfigProperty(name = "aigw.audit.write-ahead", defaultValue = "false")
    boolean auditWriteAhead;

    @Inject
    @ConfigProperty(name = "aigw.audit.retention", defaultValue = "P400D")
    String auditRetention;

    @Inject
    @ConfigProperty(name = "aigw.quotas.refresh", defaultValue = "PT5S")
    String quotasRefresh;

    @Inject
    @ConfigProperty(name = "aigw.quotas.default-output-tokens", defaultValue = "1024")
    int defaultOutputTokens;

    @Inject
    @ConfigProperty(name = "aigw.limits.default.requests-per-minute")
    Optional<Long> defaultRequestsPerMinute;

    @Inject
    @ConfigProperty(name = "aigw.limits.default.tokens-per-minute")
    Optional<Long> defaultTokensPerMinute;

    @Inject
    @ConfigProperty(name = "aigw.limits.default.concurrent-requests")
    Optional<Long> defaultConcurrentRequests;

    @Inject
    @ConfigProperty(name = "aigw.limits.default.mode", defaultValue = "enforce")
    String defaultLimitMode;

    @Inject
    @ConfigProperty(name = "aigw.routes.file")
    Optional<String> routesFile;

    @Inject
    @ConfigProperty(name = "aigw.routes.refresh", defaultValue = "PT5S")
    String routesRefresh;

    @Inject
    @ConfigProperty(name = "aigw.routes.max-time", defaultValue = "PT120S")
    String routesMaxTime;

    @Inject
    @ConfigProperty(name = "aigw.cache.max-entries", defaultValue = "10000")
    int cacheMaxEntries;

    @Inject
    @ConfigProperty(name = "aigw.cache.max-bytes", defaultValue = "67108864")
    long cacheMaxBytes;

    @Inject
    @ConfigProperty(name = "aigw.cache.semantic-model", defaultValue = "local/all-minilm-l6-v2")
    String cacheSemanticModel;

    @Inject
    @ConfigProperty(name = "aigw.guardrails.default")
    Optional<String> guardrailsDefault;

    @Inject
    @ConfigProperty(name = "aigw.guardrails.injection-model", defaultValue = "local/all-minilm-l6-v2")
    String guardrailsInjectionModel;

    @Inject
    @ConfigProperty(name = "aigw.guardrails.stream-hold-max-chars", defaultValue = "8192")
    int guardrailsStreamHoldMaxChars;

    @Inject
    @ConfigProperty(name = "aigw.budgets.unpriced", defaultValue = "refuse")
    String budgetsUnpriced;

    /** The data folder (embedded database, generated keys), outside any build output. */
    public String home() {
        return home.replace("${user.home}", System.getProperty("user.home"));
    }

    public Optional<String> bootstrapAdminKey() {
        return bootstrapAdminKey.filter(k -> !k.isBlank());
    }

    public Optional<String> keyHashSecret() {
        return keyHashSecret.filter(k -> !k.isBlank());
    }

    public Duration keyCacheTtl() {
        return Duration.parse(keyCacheTtl);
    }

    /**
     * Connection names in resolution order; each is looked up as {@code eis/aigw/<name>}. {@code *} stands for every
     * connection factory bound under {@code eis/aigw/} that is not named elsewhere in the list.
     */
    public List<String> connections() {
        return connections.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public String defaultConnection() {
        return defaultConnection;
    }

    public Duration modelsCacheTtl() {
        return Duration.parse(modelsCacheTtl);
    }

    public Optional<String> nodeId() {
        return nodeId.filter(n -> !n.isBlank());
    }

    /** How long an audit statement (and a wait for the audit commit) may take before the request is refused. */
    public Duration auditStatementTimeout() {
        return Duration.parse(auditStatementTimeout);
    }

    /** How long one read of the compliance API (a page, a count, an export page, a usage report) may take. */
    public Duration complianceQueryTimeout() {
        return Duration.parse(complianceQueryTimeout);
    }

    /** Audit events that may wait for a commit; beyond, writers wait up to the statement timeout, then are refused. */
    public int auditQueueCapacity() {
        return Math.max(1, auditQueueCapacity);
    }

    /** How often an unavailable audit database is probed (and the {@code Retry-After} of refused requests). */
    public Duration auditProbeInterval() {
        return Duration.parse(auditProbeInterval);
    }

    /** Whether a request's accepted event is durable before its provider is called (rather than meanwhile). */
    public boolean auditWriteAhead() {
        return auditWriteAhead;
    }

    /** How long audit events are kept; older whole ranges are purged (hourly). */
    public Duration auditRetention() {
        return Duration.parse(auditRetention);
    }

    /** How old the limits, budgets and prices the request path reads may be (changes on other servers). */
    public Duration quotasRefresh() {
        return Duration.parse(quotasRefresh);
    }

    /** The output tokens a request without {@code max_tokens} reserves against token limits and budgets. */
    public int defaultOutputTokens() {
        return Math.max(0, defaultOutputTokens);
    }

    /** Requests per minute for keys without limits of their own; empty is unlimited. */
    public Optional<Long> defaultRequestsPerMinute() {
        return defaultRequestsPerMinute;
    }

    /** Tokens per minute for keys without limits of their own; empty is unlimited. */
    public Optional<Long> defaultTokensPerMinute() {
        return defaultTokensPerMinute;
    }

    /** Concurrent requests for keys without limits of their own; empty is unlimited. */
    public Optional<Long> defaultConcurrentRequests() {
        return defaultConcurrentRequests;
    }

    /** Whether the default limits are only recorded ({@code shadow}) rather than enforced. */
    public boolean defaultLimitsShadow() {
        return "shadow".equalsIgnoreCase(defaultLimitMode.trim());
    }

    /** Whether a caller with a money budget may use a model without a price in the budget's currency. */
    public boolean budgetsAllowUnpriced() {
        return "allow".equalsIgnoreCase(budgetsUnpriced.trim());
    }

    public Optional<String> routesFile() {
        return routesFile.filter(f -> !f.isBlank());
    }

    public Duration routesRefresh() {
        return Duration.parse(routesRefresh);
    }

    /** No new attempt of a route starts after this, and no retry wait ends after it. */
    public Duration routesMaxTime() {
        return Duration.parse(routesMaxTime);
    }

    public int cacheMaxEntries() {
        return cacheMaxEntries;
    }

    public long cacheMaxBytes() {
        return cacheMaxBytes;
    }

    /** The embedding model semantic caches compare questions with. */
    public String cacheSemanticModel() {
        return cacheSemanticModel;
    }

    /** The guardrail set that applies where no tenant, key or route names one, if any. */
    public Optional<String> guardrailsDefault() {
        return guardrailsDefault.map(String::trim).filter(s -> !s.isEmpty());
    }

    /** The embedding model the prompt-injection check compares texts with known attacks through. */
    public String guardrailsInjectionModel() {
        return guardrailsInjectionModel;
    }

    /**
     * The most characters of a streamed answer output guardrails hold back while a match may still be forming (a
     * private key block); beyond it the held text is judged as it stands.
     */
    public int guardrailsStreamHoldMaxChars() {
        return guardrailsStreamHoldMaxChars;
    }
}
