package io.aigw.it.fake;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A fake OpenAI API over real HTTP on 127.0.0.1, for integration tests.
 *
 * <p>Serves {@code POST /v1/chat/completions} (plain and streamed), {@code POST /v1/embeddings},
 * {@code GET /v1/models[/{id}]} with OpenAI's JSON shapes, headers and errors. Replies are deterministic:
 * the text is {@code "Hello from <model>."}, prompt tokens are the words of all message texts and completion
 * tokens the words of the reply. A model named {@code fault-*} selects a fault, {@code fake-gated-stream}
 * pauses its stream at the {@link StreamGate} whose id is the request's {@code user} field; failures and delays
 * scripted at runtime ({@link #faults()}) apply to chat completions. Every request needs
 * {@code Authorization: Bearer }{@value #UPSTREAM_KEY} and is recorded as a {@link RecordedRequest}. Tool messages
 * that do not answer the preceding assistant's tool calls, and tool calls left unanswered, are rejected as OpenAI
 * rejects them ({@link OpenAiToolPairing}). The lifecycle and bookkeeping are {@link FakeServer}'s.
 */
public final class FakeOpenAiServer extends FakeServer {

    /** The only API key the fake accepts. */
    public static final String UPSTREAM_KEY = "sk-upstream-test";

    private FakeOpenAiServer(int port) throws IOException {
        super("fake-openai-", port, OpenAiError::scripted);
        route("/", new RequestRouter(this));
        route("/images/", new ImageHandler());
    }

    /**
     * Starts a fake bound to 127.0.0.1.
     *
     * @param port the port, or 0 for an ephemeral one (see {@link #port()})
     * @return the running server
     * @throws IOException if the port cannot be bound
     */
    public static FakeOpenAiServer start(int port) throws IOException {
        return listening(new FakeOpenAiServer(port));
    }

    /** Returns the API base URL, {@code http://127.0.0.1:PORT/v1}. */
    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /**
     * Returns the latest request whose JSON body names this model.
     *
     * @param model the {@code model} value to look for
     * @return the request, or empty if none was received
     */
    public Optional<RecordedRequest> lastRequestFor(String model) {
        return latest(hasModel(model));
    }

    /**
     * Returns the latest request whose JSON body has this {@code user} value.
     *
     * @param user the {@code user} value to look for
     * @return the request, or empty if none was received
     */
    public Optional<RecordedRequest> lastRequestWithUser(String user) {
        return latest(request -> request.user().filter(user::equals).isPresent());
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
        return awaitLatest(hasModel(model), timeout);
    }
}
