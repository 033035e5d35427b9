package io.aigw.it.fake;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults a test scripts at runtime on one running fake, per exact model name, so that routing tests (fallback,
 * retries, circuit breakers, least-latency) can make a model fail for a while and recover, or slow down, without
 * restarting anything. Get it from {@link FakeServer#faults()}.
 *
 * <p>A model has at most one failure script ({@link #failNext}, {@link #failAlways}) and one delay script
 * ({@link #delay}); a new one replaces the old. They apply to the chat requests of every fake, plain or streamed:
 * OpenAI {@code /v1/chat/completions}, Anthropic {@code /v1/messages}, Gemini {@code generateContent} and
 * {@code streamGenerateContent}, Bedrock {@code converse} and {@code converse-stream}; and only after the request
 * has passed the fake's own checks (key, known model, body, tool pairing), so a malformed request still gets its
 * 400 or 404 first. A scripted request first sleeps the delay, then, if the failure script took it, gets the
 * provider's error for the status in its real format, as the {@code fault-*} models send it; otherwise it is answered
 * as usual. The statuses each fake can script:
 * <ul>
 * <li>OpenAI: 401 {@code invalid_api_key}, 403 {@code unsupported_country_region_territory}, 429
 * {@code rate_limit_exceeded}, 500 {@code server_error}, 503 overloaded ({@code server_error});</li>
 * <li>Anthropic: 401 {@code authentication_error}, 429 {@code rate_limit_error}, 500 {@code api_error}, 529
 * {@code overloaded_error};</li>
 * <li>Gemini: 401 {@code UNAUTHENTICATED}, 429 {@code RESOURCE_EXHAUSTED}, 500 {@code INTERNAL}, 503
 * {@code UNAVAILABLE};</li>
 * <li>Bedrock: 403 {@code AccessDeniedException}, 429 {@code ThrottlingException}, 500
 * {@code InternalServerException}, 503 {@code ServiceUnavailableException}.</li>
 * </ul>
 * A retry-after is sent as the {@code Retry-After} header in whole seconds, rounded up (Gemini, which never sends
 * that header, carries it as a 429's {@code RetryInfo} instead); without one no {@code Retry-After} is sent. Safe for concurrent requests and
 * scripting calls.
 */
public final class ScriptedFaults {

    private final ScriptedErrors errors;
    private final Map<String, ScriptedFailure> failures = new ConcurrentHashMap<>();
    private final Map<String, ScriptedDelay> delays = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    ScriptedFaults(ScriptedErrors errors) {
        this.errors = errors;
    }

    /**
     * Fails exactly the next {@code times} chat requests for this model (counted atomically as they arrive, also
     * when they arrive together), then serves it normally again.
     *
     * @param model      the exact model name
     * @param times      how many requests to fail, at least 1
     * @param status     the HTTP status, one the fake can script (see the class comment)
     * @param retryAfter the {@code Retry-After} to send, or {@code null} for none
     * @throws IllegalArgumentException if {@code times} is below 1, {@code retryAfter} is negative or the fake has
     *                                  no error of that status
     */
    public void failNext(String model, int times, int status, Duration retryAfter) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, not " + times);
        }
        script(model, status, retryAfter, ScriptedFailure.times(times, status, retryAfter));
    }

    /**
     * Fails every chat request for this model, without {@code Retry-After}, until {@link #recover} or {@link #clear}.
     *
     * @param model  the exact model name
     * @param status the HTTP status
     * @throws IllegalArgumentException if the fake has no error of that status
     */
    public void failAlways(String model, int status) {
        failAlways(model, status, null);
    }

    /**
     * Fails every chat request for this model until {@link #recover} or {@link #clear}.
     *
     * @param model      the exact model name
     * @param status     the HTTP status
     * @param retryAfter the {@code Retry-After} to send, or {@code null} for none
     * @throws IllegalArgumentException if {@code retryAfter} is negative or the fake has no error of that status
     */
    public void failAlways(String model, int status, Duration retryAfter) {
        script(model, status, retryAfter, ScriptedFailure.always(status, retryAfter));
    }

    /**
     * Makes every chat request for this model sleep before the fake answers (before its status line), until
     * {@link #recover} or {@link #clear}. Requests already asleep wake when the delay is replaced or removed or the
     * server stops.
     *
     * @param model the exact model name
     * @param delay how long to sleep; zero removes the model's delay
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public void delay(String model, Duration delay) {
        Objects.requireNonNull(model, "model");
        requireNotNegative(delay, "delay");
        ScriptedDelay previous = delay.isZero() ? delays.remove(model) : delays.put(model, new ScriptedDelay(delay));
        end(previous);
        if (stopped) {
            delays.values().forEach(ScriptedDelay::end);
        }
    }

    /**
     * Removes this model's failure and delay scripts: requests arriving from now on are served normally, and
     * requests asleep in its delay wake at once (each still fails if the failure script took it on arrival).
     * {@link #failuresServed} keeps counting.
     *
     * @param model the exact model name
     */
    public void recover(String model) {
        Objects.requireNonNull(model, "model");
        ScriptedFailure failure = failures.remove(model);
        if (failure != null) {
            failure.end();
        }
        end(delays.remove(model));
    }

    /** Removes every script of every model, wakes every delayed request and resets {@link #failuresServed}. */
    public void clear() {
        failures.keySet().forEach(this::recover);
        delays.keySet().forEach(this::recover);
        served.clear();
    }

    /**
     * Returns how many scripted failures this model's requests got since the fake started or was {@link #clear}ed.
     *
     * @param model the exact model name
     * @return the number of failed requests
     */
    public int failuresServed(String model) {
        AtomicInteger count = served.get(model);
        return count == null ? 0 : count.get();
    }

    /**
     * Applies this model's scripts to one request that has passed the fake's checks: lets the failure script take
     * the request on arrival (so {@link #failNext} fails the first requests to arrive), sleeps the delay, then
     * throws the provider's error if the failure script took it; returns if the request is to be answered.
     *
     * @param model the model the request is for
     * @throws AbruptDisconnect if the server stopped while the request slept
     */
    void apply(String model) throws AbruptDisconnect {
        ScriptedFailure failure = failures.get(model);
        boolean failing = failure != null && failure.claim();
        ScriptedDelay delay = delays.get(model);
        if (delay != null) {
            delay.sleep();
        }
        if (stopped) {
            throw new AbruptDisconnect("stopped during the scripted delay of " + model);
        }
        if (failing) {
            served.computeIfAbsent(model, name -> new AtomicInteger()).incrementAndGet();
            throw failure.error(errors);
        }
    }

    /** Wakes every delayed request for good; called once by {@link FakeServer#stop()}. */
    void stop() {
        stopped = true;
        delays.values().forEach(ScriptedDelay::end);
    }

    private void script(String model, int status, Duration retryAfter, ScriptedFailure failure) {
        Objects.requireNonNull(model, "model");
        if (retryAfter != null) {
            requireNotNegative(retryAfter, "retryAfter");
        }
        errors.error(status, retryAfter);
        ScriptedFailure previous = failures.put(model, failure);
        if (previous != null) {
            previous.end();
        }
    }

    private static void end(ScriptedDelay delay) {
        if (delay != null) {
            delay.end();
        }
    }

    private static void requireNotNegative(Duration duration, String name) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, not " + duration);
        }
    }
}
