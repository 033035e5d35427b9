package io.aigw.policy.telemetry;

import io.aigw.jca.api.Usage;
import io.aigw.policy.audit.AuditWriter;
import io.aigw.policy.auth.Caller;
import io.aigw.policy.chain.Exchange;
import io.aigw.policy.routing.ConnectionRegistry;
import io.aigw.policy.routing.ResolvedModel;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway's metrics: recorded once per upstream attempt ({@link #attempt}) and once per request when its audit
 * outcome is written ({@link #completed}), read by {@code GET /metrics} ({@link #scrape}). The GenAI metrics follow
 * the OpenTelemetry semantic conventions: the {@code gen_ai_client_*} ones describe the gateway as the client of its
 * providers (per attempt, the model as sent to the provider), the {@code gen_ai_server_*} ones the gateway as the
 * server of its clients (per request, the model the client asked for and the connection's model that served it).
 */
@ApplicationScoped
public class GatewayMetrics {

    /** {@code gen_ai.client.token.usage}'s advised bucket bounds. */
    static final double[] TOKEN_BOUNDS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304,
            16777216, 67108864};
    /** {@code gen_ai.client.operation.duration}'s and {@code gen_ai.server.request.duration}'s advised bounds. */
    static final double[] DURATION_BOUNDS = {0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48,
            40.96, 81.92};
    /** {@code gen_ai.server.time_to_first_token}'s advised bounds. */
    static final double[] TTFT_BOUNDS = {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5,
            5.0, 7.5, 10.0};

    @Inject
    MetricsSettings settings;

    @Inject
    ConnectionRegistry connections;

    @Inject
    AuditWriter audit;

    @Inject
    io.aigw.policy.routing.TargetBreakers breakers;

    @Inject
    ConnectionProviders providers;

    @Inject
    io.aigw.policy.tracing.GatewayTracing tracing;

    @Inject
    io.aigw.policy.alert.WebhookDispatcher webhooks;

    @Inject
    io.aigw.policy.quota.ScopedPolicies policies;

    @Inject
    io.aigw.policy.budget.BudgetLedger ledger;

    @Inject
    io.aigw.policy.config.GatewayClock clock;

    /**
     * Models an upstream has answered for: only these are named in labels. A name the gateway merely passed on (to
     * the default connection, say) and the upstream refused is recorded unnamed, so that clients cannot invent series.
     */
    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    private boolean tenantLabel;
    private boolean keyLabel;
    private MetricFamily<Histogram> tokenUsage;
    private MetricFamily<Histogram> operationDuration;
    private MetricFamily<Histogram> serverDuration;
    private MetricFamily<Histogram> timeToFirstToken;
    private MetricFamily<LongAdder> requests;
    private MetricFamily<LongAdder> requestErrors;
    private MetricFamily<LongAdder> attempts;
    private MetricFamily<LongAdder> fallbacks;
    private MetricFamily<LongAdder> retries;
    private MetricFamily<LongAdder> cacheLookups;
    private MetricFamily<LongAdder> guardrailActions;
    private List<GaugeFamily> sampled;

    @PostConstruct
    void init() {
        tenantLabel = settings.tenantLabel();
        keyLabel = settings.keyLabel();
        int max = settings.maxSeries();
        tokenUsage = MetricFamily.histogram("gen_ai_client_token_usage",
                "Tokens per upstream answer (gen_ai.client.token.usage), by token type.", TOKEN_BOUNDS, max,
                callerLabels("gen_ai_operation_name", "gen_ai_provider_name", "gen_ai_request_model",
                        "gen_ai_response_model", "aigw_connection", "gen_ai_token_type"));
        operationDuration = MetricFamily.histogram("gen_ai_client_operation_duration_seconds",
                "Duration of each upstream call (gen_ai.client.operation.duration), retries and fallbacks each "
                        + "counted.", DURATION_BOUNDS, max, "gen_ai_operation_name", "gen_ai_provider_name",
                "gen_ai_request_model", "gen_ai_response_model", "aigw_connection", "error_type");
        serverDuration = MetricFamily.histogram("gen_ai_server_request_duration_seconds",
                "Duration of each model request from arrival to its audited outcome (gen_ai.server.request.duration).",
                DURATION_BOUNDS, max, callerLabels("gen_ai_operation_name", "gen_ai_request_model",
                        "gen_ai_response_model", "error_type"));
        timeToFirstToken = MetricFamily.histogram("gen_ai_server_time_to_first_token_seconds",
                "Time from a streamed request's arrival to its first chunk (gen_ai.server.time_to_first_token).",
                TTFT_BOUNDS, max, "gen_ai_operation_name", "gen_ai_request_model", "gen_ai_response_model");
        requests = MetricFamily.counter("aigw_requests_total",
                "Requests answered, by operation, route, connection and HTTP status.", max,
                callerLabels("operation", "route", "connection", "status"));
        requestErrors = MetricFamily.counter("aigw_request_errors_total",
                "Requests refused or failed, by operation and problem type (rate-limited, budget-exceeded, ...).",
                max, "operation", "reason");
        attempts = MetricFamily.counter("aigw_upstream_attempts_total",
                "Upstream calls, by connection and outcome (ok, or the failure class).", max, "connection",
                "outcome");
        fallbacks = MetricFamily.counter("aigw_route_fallbacks_total",
                "Times a route moved on from one target to another.", max, "route");
        retries = MetricFamily.counter("aigw_route_retries_total",
                "Times a route tried the same target again.", max, "route");
        cacheLookups = MetricFamily.counter("aigw_cache_lookups_total",
                "Response cache lookups, by result (hit, miss, bypass, ...).", max, "result");
        guardrailActions = MetricFamily.counter("aigw_guardrail_actions_total",
                "Guardrail rules that acted, by set, stage, type and action.", max, "set", "stage", "type",
                "action");
        List<GaugeFamily> gauges = new java.util.ArrayList<>(new GaugesOfTheGateway(connections, breakers, audit)
                .families());
        gauges.add(new GaugeFamily(MetricType.COUNTER, "aigw_trace_spans_exported_total",
                "Spans sent to the OTLP collector.", List.of(), () -> tracing.exporting()
                ? List.of(new GaugeSample(List.of(), tracing.exported())) : List.of()));
        gauges.add(new GaugeFamily(MetricType.COUNTER, "aigw_trace_spans_dropped_total",
                "Spans dropped: the export queue was full or the collector refused them.", List.of(),
                () -> tracing.exporting() ? List.of(new GaugeSample(List.of(), tracing.dropped())) : List.of()));
        gauges.add(new GaugeFamily(MetricType.COUNTER, "aigw_alert_webhooks_total",
                "Alert webhook deliveries by result: delivered, failed (after every retry), dropped (queue full).",
                List.of("result"), this::webhookCounts));
        gauges.add(new GaugeFamily(MetricType.GAUGE, "aigw_alert_webhooks_waiting",
                "Alert webhook deliveries queued or waiting for a retry.", List.of(),
                () -> List.of(new GaugeSample(List.of(), webhooks.waiting()))));
        gauges.add(new BudgetGauges(policies, ledger, clock, tenantLabel, keyLabel, max).family());
        sampled = List.copyOf(gauges);
    }

    /** Whether requests are measured and {@code /metrics} answers. */
    public boolean enabled() {
        return settings.enabled();
    }

    /**
     * One upstream call ended.
     *
     * @param target        where it went
     * @param nanos         how long it took
     * @param outcome       {@code ok} or the failure class
     * @param responseModel the model the provider said answered, if it said
     * @param errorType     the problem type of a failed call, else {@code null}
     */
    public void attempt(Exchange ex, ResolvedModel target, long nanos, String outcome, String responseModel,
                        String errorType) {
        if (!settings.enabled()) {
            return;
        }
        attempts.series(target.connection(), outcome).increment();
        if (errorType == null && answered.size() < settings.maxSeries()) {
            answered.add(target.qualified());
        }
        String op = GenAiNames.operation(ex.operation());
        if (op != null) {
            boolean named = answered.contains(target.qualified());
            operationDuration.series(op, provider(target.connection()), named ? target.providerModel() : "",
                    named ? responseModel : "", target.connection(), errorType).observe(nanos / 1e9);
        }
    }

    /** A request's outcome was audited (or could not be): counts it. */
    public void completed(Exchange ex) {
        if (!settings.enabled()) {
            return;
        }
        String op = ex.operation().auditName();
        JsonObject route = object(ex.notes().get("route"));
        String routeName = ex.route() == null ? "" : ex.route();
        requests.series(withCaller(ex.caller(), op, routeName, ex.connection(), Integer.toString(ex.status())))
                .increment();
        if (ex.problem() != null) {
            requestErrors.series(op, ex.problem().slug()).increment();
        } else if (ex.status() == 499) {
            requestErrors.series(op, "client-aborted").increment();
        }
        if (route != null) {
            countRetries(routeName, route.get("attempts"));
        }
        JsonObject cache = object(ex.notes().get("cache"));
        if (cache != null) {
            cacheLookups.series(cache.getString("status", "")).increment();
        }
        JsonObject guardrails = object(ex.notes().get("guardrails"));
        if (guardrails != null && guardrails.get("decisions") instanceof JsonArray decisions) {
            for (JsonValue v : decisions) {
                JsonObject d = v.asJsonObject();
                if (d.getBoolean("matched", false)) {
                    guardrailActions.series(d.getString("set", ""), d.getString("stage", ""),
                            d.getString("type", ""), d.getString("action", "")).increment();
                }
            }
        }
        String genOp = GenAiNames.operation(ex.operation());
        if (genOp != null) {
            genAi(ex, genOp);
        }
    }

    private void genAi(Exchange ex, String op) {
        // only models an upstream has answered for, and routes, are named: clients must not be able to invent series
        String served = ex.resolvedModel() != null && answered.contains(ex.resolvedModel()) ? ex.resolvedModel() : "";
        String requested = served.isEmpty() && ex.route() == null ? "" : ex.requestedModel();
        String errorType = ex.problem() != null ? ex.problem().slug() : ex.status() == 499 ? "client-aborted" : null;
        serverDuration.series(withCaller(ex.caller(), op, requested, served, errorType))
                .observe(ex.elapsedNanos() / 1e9);
        Long first = ex.firstChunkNanos();
        if (ex.stream() && first != null) {
            timeToFirstToken.series(op, requested, served).observe((first - ex.startNanos()) / 1e9);
        }
        Usage u = ex.usage();
        if (u != null && u != Usage.NONE && ex.connection() != null && !served.isEmpty()) {
            String providerModel = served.substring(served.indexOf('/') + 1);
            String provider = provider(ex.connection());
            tokenUsage.series(withCaller(ex.caller(), op, provider, providerModel, ex.responseModel(),
                    ex.connection(), "input")).observe(u.inputTokens());
            if (ex.operation() != io.aigw.policy.chain.Operation.EMBEDDINGS || u.outputTokens() > 0) {
                tokenUsage.series(withCaller(ex.caller(), op, provider, providerModel, ex.responseModel(),
                        ex.connection(), "output")).observe(u.outputTokens());
            }
        }
    }

    /** Fallbacks (a later target tried) and retries (the same target again) in a route's attempt log. */
    private void countRetries(String route, JsonValue log) {
        if (!(log instanceof JsonArray list)) {
            return;
        }
        Set<String> tried = new HashSet<>();
        int calls = 0;
        for (JsonValue v : list) {
            JsonObject a = v.asJsonObject();
            if (!"skipped".equals(a.getString("outcome", ""))) {
                calls++;
                tried.add(a.getString("target", ""));
            }
        }
        if (tried.size() > 1) {
            fallbacks.series(route).add(tried.size() - 1L);
        }
        if (calls > tried.size()) {
            retries.series(route).add((long) calls - tried.size());
        }
    }

    /** The Prometheus text of every metric now. */
    public String scrape() {
        PrometheusText text = new PrometheusText();
        for (MetricFamily<?> f : List.of(tokenUsage, operationDuration, serverDuration, timeToFirstToken, requests,
                requestErrors, attempts, fallbacks, retries, cacheLookups, guardrailActions)) {
            text.add(f);
        }
        text.add(MetricFamily.single("aigw_audit_commit_duration_seconds",
                "Duration of this server's audit group commits.", audit.commitDurations()));
        sampled.forEach(text::add);
        return text.toString();
    }

    private List<GaugeSample> webhookCounts() {
        long[] c = webhooks.counts();
        return List.of(new GaugeSample(List.of("delivered"), c[0]), new GaugeSample(List.of("failed"), c[1]),
                new GaugeSample(List.of("dropped"), c[2]));
    }

    private String provider(String connection) {
        return providers.of(connection);
    }

    private String[] callerLabels(String... names) {
        String[] out = java.util.Arrays.copyOf(names, names.length + (tenantLabel ? 1 : 0) + (keyLabel ? 1 : 0));
        int i = names.length;
        if (tenantLabel) {
            out[i++] = "aigw_tenant";
        }
        if (keyLabel) {
            out[i] = "aigw_key_id";
        }
        return out;
    }

    private String[] withCaller(Caller caller, String... values) {
        if (!tenantLabel && !keyLabel) {
            return values;
        }
        String[] out = java.util.Arrays.copyOf(values, values.length + (tenantLabel ? 1 : 0) + (keyLabel ? 1 : 0));
        int i = values.length;
        if (tenantLabel) {
            out[i++] = caller == null ? "" : caller.tenant();
        }
        if (keyLabel) {
            out[i] = caller == null ? "" : caller.keyId();
        }
        return out;
    }

    private static JsonObject object(Object o) {
        return o instanceof JsonObject j ? j : null;
    }
}
