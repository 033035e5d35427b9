package io.aigw.policy.routing;

import dev.failsafe.CircuitBreaker;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.budget.PriceTable;
import io.aigw.policy.budget.PriceVersion;
import io.aigw.policy.chain.CandidateGate;
import io.aigw.policy.chain.Exchange;
import io.aigw.policy.config.GatewayClock;
import io.aigw.policy.config.GatewaySettings;
import io.aigw.policy.quota.TokenEstimate;
import io.aigw.policy.route.Route;
import io.aigw.policy.route.RouteSpec;
import io.aigw.policy.route.RouteTable;
import io.aigw.policy.route.RouteTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Sends a request where its model name leads: a plain model or {@code <connection>/<model>} to the one connection
 * that serves it; a route to its targets in the order of its strategy. Each target is checked before it is tried
 * (retired, the key's allow-list, the upstream's cool-down, the policy steps' gates, its circuit breaker); a failure
 * the route falls back on is retried on the same target with backoff and jitter (honouring the upstream's
 * {@code Retry-After} up to the route's ceiling) and then moves on to the next target, until one answers, the
 * targets run out or {@code aigw.routes.max-time} has passed. A stream moves on only before its first byte reached
 * the client. What happened goes into the answer's headers and the audit record's {@code details.route}.
 */
@ApplicationScoped
public class Router {

    @Inject
    io.aigw.policy.telemetry.GatewayMetrics metrics;

    @Inject
    io.aigw.policy.tracing.GatewayTracing tracing;

    @Inject
    RouteTable routes;

    @Inject
    ModelResolver resolver;

    @Inject
    TargetBreakers breakers;

    @Inject
    TargetStats stats;

    @Inject
    PriceTable prices;

    @Inject
    GatewaySettings settings;

    @Inject
    GatewayClock clock;

    /** Every route in force by name. */
    public Map<String, Route> routes() {
        return routes.routes();
    }

    /** The route a requested model names, if it names one. */
    public Optional<Route> routeOf(String requested) {
        return requested == null ? Optional.empty() : routes.find(requested);
    }

    /**
     * Runs the request: on the route its model names, else on the one target it resolves to.
     *
     * @param request  the decoded request (for stickiness and the cheapest strategy)
     * @param filtered tells whether a successful answer was stopped by a content filter (a route may fall back)
     */
    public <T> T run(Exchange ex, Object request, TargetCall<T> unmeasured, Function<T, Boolean> filtered)
            throws StreamAbortedException {
        TargetCall<T> call = target -> measured(ex, request, target, unmeasured);
        Optional<Route> route = routeOf(ex.requestedModel());
        if (route.isEmpty()) {
            ResolvedModel target = resolver.resolve(ex.requestedModel());
            serving(ex, target);
            ex.accept();
            return call.call(target);
        }
        return runRoute(ex, route.get(), request, call, filtered);
    }

    /**
     * Runs one upstream call, measured for {@code gen_ai_client_operation_duration_seconds} and attempt counts, and
     * traced as a client span whose context goes upstream.
     */
    private <T> T measured(Exchange ex, Object request, ResolvedModel target, TargetCall<T> call)
            throws StreamAbortedException {
        io.aigw.policy.tracing.SpanRecord span = tracing.attempt(ex, target, request);
        long t0 = System.nanoTime();
        try {
            T result = call.call(target);
            String model = result instanceof io.aigw.jca.api.ChatResponse c ? c.model()
                    : result instanceof io.aigw.jca.api.EmbeddingResponse e ? e.model() : null;
            ex.responseModel(model);
            metrics.attempt(ex, target, System.nanoTime() - t0, "ok", model, null);
            tracing.attempted(span, result, null, null);
            return result;
        } catch (GatewayException e) {
            io.aigw.policy.route.FailureClass fc = FailureClassifier.classify(e);
            metrics.attempt(ex, target, System.nanoTime() - t0, fc == null ? "client_error" : fc.wireName(), null,
                    e.problem().slug());
            tracing.attempted(span, null, e, e.problem().slug());
            throw e;
        } catch (StreamAbortedException e) {
            metrics.attempt(ex, target, System.nanoTime() - t0, "aborted", null, "client-aborted");
            tracing.attempted(span, null, null, "client-aborted");
            throw e;
        } catch (RuntimeException | Error e) {
            tracing.attempted(span, null, null, e.getClass().getName());
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T runRoute(Exchange ex, Route route, Object request, TargetCall<T> call,
                           Function<T, Boolean> filtered) throws StreamAbortedException {
        ex.route(route.name());
        RouteRun<T> run = new RouteRun<>(ex, route, stats, clock, settings.routesMaxTime());
        Instant now = clock.now();
        try {
            List<RouteTarget> ordered = order(route.spec(), ex, request, now, run.log);
            T[] answer = (T[]) new Object[1];
            for (int i = 0; i < ordered.size(); i++) {
                RouteRun.Candidate c = check(run, route, ex, ordered.get(i), now);
                if (c != null && run.attempt(c, call, filtered, i == ordered.size() - 1, answer)) {
                    return answer[0];
                }
                if (run.pastDeadline()) {
                    run.log.note("stopped", "max_time");
                    break;
                }
            }
            return run.end();
        } finally {
            run.record();
        }
    }

    /**
     * Checks a target before it is tried: it resolves, has not retired, the key may use it, its upstream is not
     * cooling down, the policy steps' gates pass and its breaker lets a request through. {@code null} when skipped.
     */
    private RouteRun.Candidate check(RouteRun<?> run, Route route, Exchange ex, RouteTarget target, Instant now) {
        ResolvedModel resolved;
        try {
            resolved = resolver.resolve(target.model());
        } catch (GatewayException e) {
            run.skip(target.model(), "unresolvable", e);
            return null;
        }
        String qualified = resolved.qualified();
        Instant retireAt = retirement(target, qualified, now);
        if (retireAt != null && !now.isBefore(retireAt)) {
            run.skip(qualified, "retired", null);
            return null;
        }
        if (!ex.caller().mayUse(target.model()) && !ex.caller().mayUse(qualified)) {
            run.skip(qualified, "not_allowed", new GatewayException(Problem.MODEL_NOT_ALLOWED, "The API key '"
                    + ex.caller().keyId() + "' may use the route '" + route.name() + "' but none of its targets it "
                    + "could be sent to.", "model", null, null));
            return null;
        }
        long cooling = stats.coolingFor(qualified, clock.nanos());
        if (cooling > 0) {
            run.skipFor(qualified, "cooling_down", cooling);
            return null;
        }
        GatewayException gated = gate(ex, target.model(), qualified);
        if (gated != null) {
            run.skip(qualified, gated.problem().code() == null ? "refused" : gated.problem().code(), gated);
            return null;
        }
        CircuitBreaker<Object> breaker = breakers.of(qualified, route.spec().breaker());
        if (breaker != null && !breaker.tryAcquirePermit()) {
            run.skipFor(qualified, "breaker_open", breaker.getRemainingDelay().toNanos());
            return null;
        }
        return new RouteRun.Candidate(resolved, retireAt, breaker);
    }

    /** The targets in the order the strategy gives for this request. */
    private List<RouteTarget> order(RouteSpec spec, Exchange ex, Object request, Instant now, AttemptLog log) {
        List<RouteTarget> targets = spec.targets();
        return switch (spec.strategy()) {
            case PRIORITY -> CandidateOrder.byPriority(targets);
            case WEIGHTED -> CandidateOrder.weighted(targets, stickyId(spec, ex, request));
            case LEAST_LATENCY -> {
                long n = clock.nanos();
                yield CandidateOrder.byFigure(targets, t -> qualified(t).map(q -> stats.latencyMillis(q, n))
                        .orElse(Double.NaN));
            }
            case LEAST_BUSY -> CandidateOrder.byFigure(targets, t -> qualified(t).map(q -> (double) stats.inFlight(q))
                    .orElse(Double.NaN));
            case CHEAPEST -> cheapest(targets, request, now, log);
        };
    }

    private List<RouteTarget> cheapest(List<RouteTarget> targets, Object request, Instant now, AttemptLog log) {
        TokenEstimate estimate = TokenEstimate.of(request, settings.defaultOutputTokens());
        Map<RouteTarget, PriceVersion> priced = new java.util.HashMap<>();
        String currency = null;
        for (RouteTarget t : CandidateOrder.byPriority(targets)) {
            Optional<PriceVersion> p = price(t, now, currency);
            if (p.isPresent()) {
                currency = p.get().currency();
                priced.put(t, p.get());
            }
        }
        if (priced.isEmpty()) {
            log.note("cheapest", "no target has a price: priority order");
            return CandidateOrder.byPriority(targets);
        }
        log.note("cheapest", "compared in " + currency);
        return CandidateOrder.byFigureKnownFirst(targets, t -> priced.containsKey(t)
                ? priced.get(t).prices().worstCase(estimate).doubleValue() : Double.NaN);
    }

    /** When the target retires: as the route says, else as its price entry says, else {@code null}. */
    private Instant retirement(RouteTarget target, String qualified, Instant now) {
        if (target.retireAt() != null) {
            return target.retireAt();
        }
        return prices.findAny(qualified, now).or(() -> prices.findAny(target.model(), now))
                .map(PriceVersion::retireAt).orElse(null);
    }

    private Optional<PriceVersion> price(RouteTarget t, Instant now, String currency) {
        Optional<String> q = qualified(t);
        for (String model : q.isPresent() ? List.of(q.get(), t.model()) : List.of(t.model())) {
            Optional<PriceVersion> p = currency == null ? prices.findAny(model, now) : prices.find(model, currency, now);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    private Optional<String> qualified(RouteTarget t) {
        try {
            return Optional.of(resolver.resolve(t.model()).qualified());
        } catch (GatewayException e) {
            return Optional.empty();
        }
    }

    /** Who a sticky route keeps together: the key, or the request's {@code user} (the key when it names none). */
    private static String stickyId(RouteSpec spec, Exchange ex, Object request) {
        if (spec.sticky() == null) {
            return null;
        }
        if (spec.sticky().equals("user") && request instanceof ChatRequest chat) {
            Object user = chat.extensions().get("user");
            if (user instanceof String s && !s.isEmpty()) {
                return "user:" + s;
            }
            if (chat.extensions().get("metadata") instanceof Map<?, ?> m && m.get("user_id") instanceof String s
                    && !s.isEmpty()) {
                return "user:" + s;
            }
        }
        return "key:" + ex.caller().keyId();
    }

    private static GatewayException gate(Exchange ex, String model, String qualified) {
        for (CandidateGate g : ex.candidateGates()) {
            GatewayException refused = g.refuse(model, qualified);
            if (refused != null) {
                return refused;
            }
        }
        return null;
    }

    private static void serving(Exchange ex, ResolvedModel target) {
        ex.resolvedModel(target.qualified());
        ex.connection(target.connection());
    }

    /** The wait before retry {@code attempt + 1}: exponential with jitter (50–150%), at least the upstream's ask. */
    static long backoff(Duration base, int attempt, Duration upstreamWait) {
        double factor = Math.pow(2, attempt - 1) * (0.5 + ThreadLocalRandom.current().nextDouble());
        long wait = (long) (base.toNanos() * factor);
        return upstreamWait == null ? wait : Math.max(wait, upstreamWait.toNanos());
    }

}
