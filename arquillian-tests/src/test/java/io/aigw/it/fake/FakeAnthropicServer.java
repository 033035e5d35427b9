package io.aigw.it.fake;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
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
 * A fake Anthropic Messages API over real HTTP on 127.0.0.1, for integration tests.
 *
 * <p>Serves {@code POST /v1/messages} (plain and streamed as named server-sent events) and
 * {@code GET /v1/models[/{id}]} with Anthropic's JSON shapes, headers ({@code request-id}) and error envelopes.
 * Every request needs {@code x-api-key: }{@value #UPSTREAM_KEY} and an {@code anthropic-version} header, and is
 * recorded as a {@link RecordedRequest}.
 *
 * <p>Replies are deterministic: the text is {@code "Hello from <model>."}; {@code input_tokens} are the words
 * of the system text and of all message texts, {@code output_tokens} the words of the reply; {@code max_tokens}
 * and {@code stop_sequences} cut the reply; a system block with {@code cache_control} reports
 * {@code cache_read_input_tokens} = {@value AnthropicJson#CACHE_READ_TOKENS} (with {@code "ttl":"1h"}: a write,
 * {@code cache_creation_input_tokens} = {@value AnthropicJson#CACHE_WRITE_TOKENS}). With {@code tools} and a last
 * user message mentioning the weather the answer is {@code "Let me check."} plus two parallel {@code tool_use}
 * blocks. A model named {@code fault-*} selects a fault; {@code fake-gated-stream} pauses its stream at the
 * {@link StreamGate} keyed by {@code metadata.user_id}; names not starting with {@code claude-}, {@code fake-}
 * or {@code fault-} get 404 {@code not_found_error}.
 */
public final class FakeAnthropicServer implements FakeUpstream, AutoCloseable {

    /** The only API key the fake accepts (header {@code x-api-key}). */
    public static final String UPSTREAM_KEY = "sk-ant-upstream-test";

    private static final int THREADS = 32;
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();

    private final RequestLog requests = new RequestLog();
    private final Map<String, StreamGate> gates = new ConcurrentHashMap<>();
    private final AtomicInteger activeStreams = new AtomicInteger();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ExecutorService executor;
    private final HttpServer http;

    private FakeAnthropicServer(int port) throws IOException {
        executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "fake-anthropic-" + THREAD_IDS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        http = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 64);
        http.setExecutor(executor);
        http.createContext("/", new AnthropicRouter(this));
    }

    /**
     * Starts a fake bound to 127.0.0.1.
     *
     * @param port the port, or 0 for an ephemeral one (see {@link #port()})
     * @return the running server
     * @throws IOException if the port cannot be bound
     */
    public static FakeAnthropicServer start(int port) throws IOException {
        FakeAnthropicServer server = new FakeAnthropicServer(port);
        server.http.start();
        return server;
    }

    /**
     * Stops the server at once: wakes every hanging, stalled or gated handler, closes all connections
     * (clients of unfinished responses see them dropped) and shuts the thread pool down. Idempotent.
     */
    @Override
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        stopSignal.countDown();
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
    public void close() {
        stop();
    }

    /** Returns the bound port. */
    public int port() {
        return http.getAddress().getPort();
    }

    /** Returns the API base URL, {@code http://127.0.0.1:PORT/v1}. */
    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** Returns a snapshot of every request received so far, oldest first. */
    public List<RecordedRequest> requests() {
        return requests.snapshot();
    }

    /**
     * Returns the latest request whose JSON body has this {@code metadata.user_id}.
     *
     * @param userId the {@code metadata.user_id} value to look for
     * @return the request, or empty if none was received
     */
    public Optional<RecordedRequest> lastRequestWithMetadataUser(String userId) {
        return requests.latest(request -> metadataUserId(request).filter(userId::equals).isPresent());
    }

    /**
     * Returns the latest request whose JSON body names this model.
     *
     * @param model the {@code model} value to look for
     * @return the request, or empty if none was received
     */
    public Optional<RecordedRequest> lastRequestFor(String model) {
        return requests.latest(hasModel(model));
    }

    /**
     * Waits until a request whose JSON body names this model has been received (useful when the client side
     * cannot tell, e.g. while {@code fault-timeout} is hanging).
     *
     * @param model   the {@code model} value to look for
     * @param timeout how long to wait at most
     * @return the latest such request, or empty if none arrived in time
     * @throws InterruptedException if the calling thread is interrupted
     */
    public Optional<RecordedRequest> awaitRequestFor(String model, Duration timeout) throws InterruptedException {
        return requests.awaitLatest(hasModel(model), timeout);
    }

    /**
     * Returns the gate with this id, creating it if needed. A {@code fake-gated-stream} request whose
     * {@code metadata.user_id} is this id pauses at it after its first text delta. Create it before sending
     * the request, or get the same instance afterwards.
     *
     * @param id the gate id
     * @return the gate, the same instance for the same id
     */
    public StreamGate gate(String id) {
        Objects.requireNonNull(id, "id");
        StreamGate gate = gates.computeIfAbsent(id, StreamGate::new);
        if (isStopped()) {
            gate.release();
        }
        return gate;
    }

    /** Returns how many event streams are being written right now. */
    public int activeStreams() {
        return activeStreams.get();
    }

    /**
     * Returns {@code metadata.user_id} of a recorded request's JSON body.
     *
     * @param request a recorded request
     * @return the user id, or empty when the body has none
     */
    public static Optional<String> metadataUserId(RecordedRequest request) {
        return request.json().map(body -> JsonSupport.object(body, "metadata"))
                .map((JsonObject metadata) -> JsonSupport.string(metadata, "user_id"));
    }

    void record(RecordedRequest request) {
        requests.add(request);
    }

    void streamOpened() {
        activeStreams.incrementAndGet();
    }

    void streamClosed() {
        activeStreams.decrementAndGet();
    }

    boolean isStopped() {
        return stopSignal.getCount() == 0;
    }

    /** Waits until {@link #stop()} or the timeout; an interrupt counts as stop. */
    void awaitStop(Duration timeout) {
        try {
            stopSignal.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Predicate<RecordedRequest> hasModel(String model) {
        return request -> request.model().filter(model::equals).isPresent();
    }
}
