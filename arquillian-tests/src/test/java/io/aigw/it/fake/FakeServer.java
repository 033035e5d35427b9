package io.aigw.it.fake;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The lifecycle and bookkeeping every fake provider server shares: a pool of {@value #THREADS} daemon threads, a
 * {@link HttpServer} bound to 127.0.0.1, idempotent {@link #stop()}, the {@link RequestLog} of received requests,
 * the {@link StreamGate}s by id, the count of open event streams and the stop signal that hanging, stalled and gated
 * handlers wait on, and the {@link ScriptedFaults} tests script at runtime.
 *
 * <p>{@link FakeOpenAiServer}, {@link FakeAnthropicServer}, {@link FakeGeminiServer} and {@link FakeBedrockServer}
 * extend it and add only their routes, {@link #baseUrl()}, constants and request look-ups (which differ: the model
 * is in the JSON body for OpenAI and Anthropic, in the URL for Gemini and Bedrock). It is a base class rather than
 * a component each fake delegates to because all of this is public API the fakes offer identically and their
 * handlers call directly ({@link #gate}, {@link #awaitStop}, {@link #streamOpened}, ...); inheriting it keeps those
 * calls and every caller unchanged without a delegating method per fake. Only classes of this package can extend it.
 */
public abstract class FakeServer implements FakeUpstream, AutoCloseable {

    private static final int THREADS = 32;
    private static final Map<String, AtomicInteger> THREAD_IDS = new ConcurrentHashMap<>();

    private final RequestLog requests = new RequestLog();
    private final Map<String, StreamGate> gates = new ConcurrentHashMap<>();
    private final AtomicInteger activeStreams = new AtomicInteger();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ScriptedFaults faults;
    private final ExecutorService executor;
    private final HttpServer http;

    /**
     * Creates the pool and binds the (not yet started) server; the subclass then adds its {@link #route routes}.
     *
     * @param threadPrefix the pool's thread name prefix, e.g. {@code "fake-openai-"}, numbered per prefix
     * @param port         the port, or 0 for an ephemeral one
     * @param errors       the provider's error reply for a {@linkplain #faults() scripted} failure's status
     * @throws IOException if the port cannot be bound
     */
    FakeServer(String threadPrefix, int port, ScriptedErrors errors) throws IOException {
        faults = new ScriptedFaults(errors);
        AtomicInteger threadIds = THREAD_IDS.computeIfAbsent(threadPrefix, prefix -> new AtomicInteger());
        executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, threadPrefix + threadIds.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        http = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 64);
        http.setExecutor(executor);
    }

    /** Serves requests under this path prefix with this handler; call from the subclass constructor. */
    final void route(String path, HttpHandler handler) {
        http.createContext(path, handler);
    }

    /** Starts serving and returns the server, for the subclasses' {@code start(int)} factories. */
    static <T extends FakeServer> T listening(T server) {
        ((FakeServer) server).http.start();
        return server;
    }

    /**
     * Stops the server at once: wakes every hanging, stalled or gated handler, closes all connections
     * (clients of unfinished responses see them dropped) and shuts the thread pool down. Idempotent.
     */
    @Override
    public final void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        stopSignal.countDown();
        faults.stop();
        gates.values().forEach(StreamGate::release);
        http.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public final void close() {
        stop();
    }

    /** Returns the bound port. */
    public final int port() {
        return http.getAddress().getPort();
    }

    /** Returns a snapshot of every request received so far, oldest first. */
    public final List<RecordedRequest> requests() {
        return requests.snapshot();
    }

    /**
     * Returns the gate with this id, creating it if needed. A {@code fake-gated-stream} request keyed by this id
     * (which field keys it depends on the fake, see its class comment) pauses at it. Create it before sending the
     * request, or get the same instance afterwards. After {@link #stop()} the gate comes back released.
     *
     * @param id the gate id
     * @return the gate, the same instance for the same id
     */
    public final StreamGate gate(String id) {
        Objects.requireNonNull(id, "id");
        StreamGate gate = gates.computeIfAbsent(id, StreamGate::new);
        if (isStopped()) {
            gate.release();
        }
        return gate;
    }

    /**
     * Returns the faults tests script on this fake at runtime: failures and delays of one model's chat requests,
     * until recovered (see {@link ScriptedFaults}).
     *
     * @return the scripts of this fake, the same instance on every call
     */
    public final ScriptedFaults faults() {
        return faults;
    }

    /** Returns how many event streams are being written right now. */
    public final int activeStreams() {
        return activeStreams.get();
    }

    /** Returns the latest recorded request that matches, or empty. */
    final Optional<RecordedRequest> latest(Predicate<RecordedRequest> matching) {
        return requests.latest(matching);
    }

    /** Waits at most {@code timeout} until a matching request has been recorded and returns the latest one. */
    final Optional<RecordedRequest> awaitLatest(Predicate<RecordedRequest> matching, Duration timeout)
            throws InterruptedException {
        return requests.awaitLatest(matching, timeout);
    }

    /** Matches requests whose JSON body names this {@code model}. */
    static Predicate<RecordedRequest> hasModel(String model) {
        return request -> request.model().filter(model::equals).isPresent();
    }

    final void record(RecordedRequest request) {
        requests.add(request);
    }

    final void streamOpened() {
        activeStreams.incrementAndGet();
    }

    final void streamClosed() {
        activeStreams.decrementAndGet();
    }

    final boolean isStopped() {
        return stopSignal.getCount() == 0;
    }

    /** Waits until {@link #stop()} or the timeout; an interrupt counts as stop. */
    final void awaitStop(Duration timeout) {
        try {
            stopSignal.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
