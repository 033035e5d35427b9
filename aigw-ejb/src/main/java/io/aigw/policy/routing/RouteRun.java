package io.aigw.policy.routing;

import dev.failsafe.CircuitBreaker;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.ResponseHeaders;
import io.aigw.policy.chain.Exchange;
import io.aigw.policy.config.GatewayClock;
import io.aigw.policy.route.FailureClass;
import io.aigw.policy.route.Route;
import io.aigw.policy.route.RouteSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * One request's way through a route, after its targets were ordered and each was checked: the attempts on one target
 * (retries with backoff, {@code Retry-After} up to the route's ceiling, cool-downs, breaker outcomes, latency
 * samples), what the route ends with when no target answers, and the record of it all for the audit.
 *
 * @param <T> the answer
 */
final class RouteRun<T> {

    /** A target that passed its checks and may be tried. */
    record Candidate(ResolvedModel target, Instant retireAt, CircuitBreaker<Object> breaker) {
    }

    private final Exchange ex;
    private final Route route;
    private final RouteSpec spec;
    private final TargetStats stats;
    private final GatewayClock clock;
    private final long deadline;
    private final ResponseHeaders headers;
    final AttemptLog log;
    private GatewayException refusal;
    private GatewayException failure;
    private long soonestRetry = Long.MAX_VALUE;
    private T filteredAnswer;
    private ResolvedModel filteredBy;
    private String servedBy;

    RouteRun(Exchange ex, Route route, TargetStats stats, GatewayClock clock, Duration maxTime) {
        this.ex = ex;
        this.route = route;
        this.spec = route.spec();
        this.stats = stats;
        this.clock = clock;
        this.deadline = clock.nanos() + maxTime.toNanos();
        this.headers = ex.call().responseHeaders();
        this.log = new AttemptLog(route.name(), route.version(), route.source(), spec.strategy().wireName());
        headers.route(route.name());
    }

    /** A target is skipped; {@code why} is the refusal to give if no target answers, or {@code null}. */
    void skip(String target, String reason, GatewayException why) {
        log.skipped(target, reason);
        if (refusal == null) {
            refusal = why;
        }
    }

    /** A target is skipped until it can take requests again in {@code nanos}. */
    void skipFor(String target, String reason, long nanos) {
        log.skipped(target, reason);
        soonestRetry = Math.min(soonestRetry, Math.max(1, nanos));
    }

    boolean pastDeadline() {
        return clock.nanos() >= deadline;
    }

    /**
     * Tries a target until it answers, fails in a way that ends the request (thrown), or fails in a way the route moves
     * on from ({@code false}).
     *
     * @param last whether no target follows (a filtered answer is then kept)
     */
    boolean attempt(Candidate c, TargetCall<T> call, Function<T, Boolean> filtered, boolean last, T[] answer)
            throws StreamAbortedException {
        String qualified = c.target().qualified();
        CircuitBreaker<Object> breaker = c.breaker();
        for (int attempt = 1; ; attempt++) {
            serving(c.target());
            headers.attempt(qualified);
            if (c.retireAt() != null) {
                headers.retiring(route.changedAt(), c.retireAt());
            } else {
                headers.notRetiring();
            }
            ex.accept();
            long t0 = System.nanoTime();
            stats.begin(qualified);
            T result;
            try {
                result = call.call(c.target());
            } catch (GatewayException e) {
                long millis = (System.nanoTime() - t0) / 1_000_000;
                FailureClass fc = FailureClassifier.classify(e);
                stats.end(qualified, -1, clock.nanos());
                record(breaker, fc != null && fc.retryable());
                log.tried(qualified, fc == null ? "client_error" : fc.wireName(), e.problem().status(), millis,
                        state(breaker), null);
                failure = e;
                if (ex.responseCommitted() || fc == null || !spec.fallbackOn().contains(fc)) {
                    throw e;
                }
                if (!retry(e, fc, attempt, qualified, breaker)) {
                    return false;
                }
                continue;
            } catch (RuntimeException | StreamAbortedException e) {
                stats.end(qualified, -1, clock.nanos());
                record(breaker, false);
                throw e;
            }
            long t1 = System.nanoTime();
            Long first = ex.firstChunkNanos();
            stats.end(qualified, Math.max(0, (ex.stream() && first != null ? first - t0 : t1 - t0) / 1e6),
                    clock.nanos());
            record(breaker, false);
            if (!last && spec.fallbackOn().contains(FailureClass.CONTENT_FILTER)
                    && Boolean.TRUE.equals(filtered.apply(result))) {
                log.tried(qualified, FailureClass.CONTENT_FILTER.wireName(), 200, (t1 - t0) / 1_000_000,
                        state(breaker), null);
                if (filteredAnswer == null) {
                    filteredAnswer = result; // the answer, should no other target give a better one
                    filteredBy = c.target();
                }
                return false;
            }
            log.tried(qualified, "ok", 200, (t1 - t0) / 1_000_000, state(breaker), null);
            servedBy = qualified;
            answer[0] = result;
            return true;
        }
    }

    /** Whether to try the same target again (after waiting); otherwise the route moves on. */
    private boolean retry(GatewayException e, FailureClass fc, int attempt, String qualified,
                          CircuitBreaker<Object> breaker) {
        Duration upstreamWait = FailureClassifier.upstreamRetryAfter(e);
        if (upstreamWait != null && upstreamWait.compareTo(spec.retry().honorRetryAfterUpTo()) > 0) {
            stats.coolDown(qualified, clock.nanos() + upstreamWait.toNanos());
            return false;
        }
        if (!fc.retryable() || attempt >= spec.retry().maxAttempts() || (breaker != null && !breaker.isClosed())) {
            return false;
        }
        long wait = Router.backoff(spec.retry().backoff(), attempt, upstreamWait);
        if (clock.nanos() + wait >= deadline) {
            return false;
        }
        if (!sleep(wait)) {
            throw e;
        }
        return true;
    }

    /** No target answered: a content-filtered answer if one came, else the last failure, refusal, or 503. */
    T end() {
        if (filteredAnswer != null) {
            serving(filteredBy);
            headers.servedBy(filteredBy.qualified());
            servedBy = filteredBy.qualified();
            return filteredAnswer;
        }
        if (failure != null) {
            throw failure;
        }
        if (refusal != null) {
            throw refusal;
        }
        throw new GatewayException(Problem.NO_TARGET_AVAILABLE, "No target of the route '" + route.name()
                + "' can take requests now (circuit breakers open or upstreams asking to wait). Retry later.",
                null, soonestRetry == Long.MAX_VALUE ? Duration.ofSeconds(1)
                : Duration.ofSeconds(Math.max(1, (soonestRetry + 999_999_999) / 1_000_000_000)), null);
    }

    /** Puts what happened into the audit record's details. */
    void record() {
        ex.detail("route", log.build(servedBy));
    }

    private void serving(ResolvedModel target) {
        ex.resolvedModel(target.qualified());
        ex.connection(target.connection());
    }

    private static String state(CircuitBreaker<Object> breaker) {
        return breaker == null ? null : TargetBreakers.state(breaker);
    }

    private static void record(CircuitBreaker<Object> breaker, boolean failed) {
        if (breaker == null) {
            return;
        }
        if (failed) {
            breaker.recordFailure();
        } else {
            breaker.recordSuccess();
        }
    }

    private static boolean sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
