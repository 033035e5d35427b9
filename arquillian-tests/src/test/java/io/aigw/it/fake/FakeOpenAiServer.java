package io.aigw.it.fake;

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
 * A fake OpenAI API over real HTTP on 127.0.0.1, for integration tests.
 *
 * <p>Serves {@code POST /v1/chat/completions} (plain and streamed), {@code POST /v1/embeddings},
 * {@code GET /v1/models[/{id}]} with OpenAI's JSON shapes, headers and errors. Replies are deterministic:
 * the text is {@code "Hello from <model>."}, prompt tokens are the words of all message texts and completion
 * tokens the words of the reply. A model named {@code fault-*} selects a fault, {@code fake-gated-stream}
 * pauses its stream at a {@link StreamGate}. Every request needs {@code Authorization: Bearer }
 * {@value #UPSTREAM_KEY} and is recorded as a {@link RecordedRequest}.
 */
public final class FakeOpenAiServer implements FakeUpstream, AutoCloseable {

    /** The only API key the fake accepts. */
    public static final String UPSTREAM_KEY = "sk-upstream-test";

    private static final int THREADS = 32;
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();

    private final RequestLog requests = new RequestLog();
    private final Map<String, StreamGate> gates = new ConcurrentHashMap<>();
    private final AtomicInteger activeStreams = new AtomicInteger();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ExecutorService executor;
    private final HttpServer http;

    private FakeOpenAiServer(int port) throws IOException {
        executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "fake-openai-" + THREAD_IDS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        http = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 64);
        http.setExecutor(executor);
        http.createContext("/", new RequestRouter(this));
        http.createContext("/images/", new ImageHandler());
    }

    /**
     * Starts a fake bound to 127.0.0.1.
     *
     * @param port the port, or 0 for an ephemeral one (see {@link #port()})
     * @return the running server
     * @throws IOException if the port cannot be bound
     */
    public static FakeOpenAiServer start(int port) throws IOException {
        FakeOpenAiServer server = new FakeOpenAiServer(port);
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
     * Returns the latest request whose JSON body names this model.
     *
     * @param model the {@code model} value to look for
     * @return the request, or empty if none was received
     */
    public Optional<RecordedRequest> lastRequestFor(String model) {
        return requests.latest(hasModel(model));
    }

    /**
     * Returns the latest request whose JSON body has this {@code user} value.
     *
     * @param user the {@code user} value to look for
     * @return the request, or empty if none was received
     */
    public Optional<RecordedRequest> lastRequestWithUser(String user) {
        return requests.latest(request -> request.user().filter(user::equals).isPresent());
    }

    /**
     * Waits until a request whose JSON body names this model has been received (useful when the client
     * side cannot tell, e.g. while {@code fault-timeout} is hanging).
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
     * {@code user} field is this id pauses at it. Create it before sending the request, or get the same
     * instance afterwards.
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
