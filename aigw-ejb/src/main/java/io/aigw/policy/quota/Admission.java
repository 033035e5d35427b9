package io.aigw.policy.quota;

import dev.failsafe.Bulkhead;
import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.RateLimitState;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One request's passage through its limits: every applicable figure must admit it (all or nothing: what a refused
 * request took is given back); shadow figures only record that they would have refused. After the request,
 * {@link #settle(long, long)} turns the token reservation into the real usage and frees the concurrency permits.
 */
final class Admission {

    private static final JsonProvider JSON = JsonProvider.provider();

    private final List<Taken> taken = new ArrayList<>();
    private final JsonArrayBuilder decisions = JSON.createArrayBuilder();
    private final long tokens;
    private GatewayException refusal;
    private RateLimitState state;

    private record Taken(AppliedLimit limit, RateCounter bucket, Bulkhead<Object> bulkhead, long amount) {
    }

    private Admission(long tokens) {
        this.tokens = tokens;
    }

    /** Takes what the request needs from every figure, or refuses it. */
    static Admission admit(List<AppliedLimit> limits, long tokens, LimitCounters counters, long now) {
        Admission a = new Admission(tokens);
        for (AppliedLimit limit : limits) {
            if (!a.take(limit, counters, now)) {
                a.release(now);
                break;
            }
        }
        a.state = a.refusal == null ? tightest(a.taken, now) : a.state;
        return a;
    }

    private boolean take(AppliedLimit limit, LimitCounters counters, long now) {
        if (limit.kind() == AppliedLimit.Kind.CONCURRENT) {
            Bulkhead<Object> b = counters.bulkhead(limit);
            if (b.tryAcquirePermit()) {
                taken.add(new Taken(limit, null, b, 1));
                decide(limit, "admitted", null);
                return true;
            }
            return refused(limit, null, now, Problem.CONCURRENCY_LIMITED, Duration.ofSeconds(1),
                    "Too many concurrent requests for " + describe(limit) + ": at most " + limit.value()
                            + " may be in flight at once.");
        }
        long need = limit.kind() == AppliedLimit.Kind.REQUESTS ? 1 : tokens;
        RateCounter bucket = counters.bucket(limit, now);
        if (need > bucket.capacity()) {
            return refused(limit, bucket, now, Problem.RATE_LIMITED, Duration.ofMinutes(1), "Request too large for "
                    + describe(limit) + ": it may use up to " + need + " tokens (input estimate plus max_tokens), "
                    + "more than the limit of " + limit.value() + " tokens per minute. Send less or lower max_tokens.");
        }
        if (bucket.tryTake(need, now)) {
            taken.add(new Taken(limit, bucket, null, need));
            decide(limit, "admitted", bucket.remaining(now));
            return true;
        }
        long waitNanos = bucket.nanosUntil(need, now);
        String what = limit.kind() == AppliedLimit.Kind.REQUESTS ? "requests" : "tokens";
        return refused(limit, bucket, now, Problem.RATE_LIMITED, Duration.ofNanos(waitNanos), "Rate limit reached for "
                + describe(limit) + ": " + limit.value() + " " + what + " per minute"
                + (limit.kind() == AppliedLimit.Kind.TOKENS ? " (this request reserves " + need + ")" : "")
                + ". Retry after " + Math.max(1, (waitNanos + 999_999_999) / 1_000_000_000) + " s.");
    }

    /** Records a refusal; a shadow figure only notes that it would have refused, and the request goes on. */
    private boolean refused(AppliedLimit limit, RateCounter bucket, long now, Problem problem, Duration retryAfter,
                            String message) {
        if (limit.shadow()) {
            decide(limit, "would_refuse", bucket == null ? null : 0L);
            return true;
        }
        decide(limit, "refused", bucket == null ? null : 0L);
        refusal = new GatewayException(problem, message, null, retryAfter, null);
        if (bucket != null) {
            RateLimitState.Window w = new RateLimitState.Window(limit.value(), bucket.remaining(now),
                    bucket.nanosUntilFull(now));
            state = limit.kind() == AppliedLimit.Kind.REQUESTS ? new RateLimitState(w, null)
                    : new RateLimitState(null, w);
        }
        return false;
    }

    private void decide(AppliedLimit limit, String decision, Long remaining) {
        JsonObjectBuilder d = JSON.createObjectBuilder().add("scope", limit.scope().toString())
                .add("limit", limit.kind().wireName()).add("value", limit.value())
                .add("mode", limit.shadow() ? "shadow" : "enforce").add("decision", decision);
        if (limit.model() != null) {
            d.add("model", limit.model());
        }
        if (limit.defaulted()) {
            d.add("default", true);
        }
        if (remaining != null) {
            d.add("remaining", remaining);
        }
        decisions.add(d);
    }

    /** Gives back everything taken (the request was refused). */
    private void release(long now) {
        for (Taken t : taken) {
            if (t.bulkhead() != null) {
                t.bulkhead().releasePermit();
            } else {
                t.bucket().adjust(t.amount(), now);
            }
        }
        taken.clear();
    }

    /**
     * After the request: each tokens figure is charged {@code usedTokens} instead of the reservation (given back or
     * taken into debt), and the concurrency permits are freed.
     */
    void settle(long usedTokens, long now) {
        for (Taken t : taken) {
            if (t.bulkhead() != null) {
                t.bulkhead().releasePermit();
            } else if (t.limit().kind() == AppliedLimit.Kind.TOKENS) {
                t.bucket().adjust(t.amount() - usedTokens, now);
            }
        }
        taken.clear();
    }

    /** The tightest enforced requests and tokens figures after this request took its part. */
    private static RateLimitState tightest(List<Taken> taken, long now) {
        RateLimitState.Window requests = null;
        RateLimitState.Window tokens = null;
        for (Taken t : taken) {
            if (t.bucket() == null || t.limit().shadow()) {
                continue;
            }
            RateLimitState.Window w = new RateLimitState.Window(t.limit().value(), t.bucket().remaining(now),
                    t.bucket().nanosUntilFull(now));
            if (t.limit().kind() == AppliedLimit.Kind.REQUESTS) {
                requests = tighter(requests, w);
            } else {
                tokens = tighter(tokens, w);
            }
        }
        return requests == null && tokens == null ? null : new RateLimitState(requests, tokens);
    }

    private static RateLimitState.Window tighter(RateLimitState.Window a, RateLimitState.Window b) {
        return a == null || b.remaining() < a.remaining() ? b : a;
    }

    private static String describe(AppliedLimit limit) {
        String who = (Scope.KEY.equals(limit.scope().type()) ? "API key '" : "tenant '") + limit.scope().id() + "'";
        return limit.model() == null ? who : who + " on model '" + limit.model() + "'";
    }

    GatewayException refusal() {
        return refusal;
    }

    RateLimitState state() {
        return state;
    }

    JsonArray decisions() {
        return decisions.build();
    }
}
