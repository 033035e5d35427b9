package io.aigw.it.fake;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Google Gemini API over real HTTP on 127.0.0.1, for integration tests.
 *
 * <p>Serves {@code POST /v1beta/models/{model}:generateContent}, {@code :streamGenerateContent} ({@code data:} events
 * with {@code alt=sse}, a JSON array without), {@code :embedContent} and {@code :batchEmbedContents} (vectors from
 * {@link #embedding}) and {@code GET /v1beta/models[/{id}]} with Gemini's JSON shapes and Google's error envelope. A
 * request whose function calls and function responses do not pair up as Gemini requires is rejected as Gemini rejects
 * it (see {@link GeminiToolPairing}). Every request needs the API key {@value #UPSTREAM_KEY} in {@code x-goog-api-key} (or the
 * {@code key} query parameter): without one the answer is 403 {@code PERMISSION_DENIED}, with another 400
 * {@code INVALID_ARGUMENT}/{@code API_KEY_INVALID}, as Google answers. Every request is recorded as a
 * {@link RecordedRequest}.
 *
 * <p>Replies are deterministic: the text is {@code "Hello from <model>."}; {@code promptTokenCount} is the words of the
 * system instruction and of all text parts (plus {@value GeminiJson#CACHED_TOKENS}, reported as
 * {@code cachedContentTokenCount}, when the request names a {@code cachedContent}); {@code candidatesTokenCount} the
 * words of the reply per candidate times {@code candidateCount}; {@code maxOutputTokens} and {@code stopSequences} cut
 * the reply; {@code fake-thinking} reports {@value GeminiReply#THOUGHT_TOKENS} {@code thoughtsTokenCount} (and a
 * thought part when {@code thinkingConfig.includeThoughts}). With {@code functionDeclarations} (mode not {@code NONE})
 * and a last user text mentioning the weather the answer is {@code "Let me check."} plus two parallel
 * {@code functionCall}s without ids. A model named {@code fault-*} selects a fault ({@code fault-429} with a
 * {@code RetryInfo} of {@value GeminiError#RETRY_DELAY_SECONDS}s, {@code fault-500}, {@code fault-503},
 * {@code fault-400}, {@code fault-context-length}, {@code fault-401}, {@code fault-timeout}, {@code fault-garbage},
 * {@code fault-safety}, {@code fault-blocked-prompt}, and in streams {@code fault-error-event},
 * {@code fault-reset-midstream}, {@code fault-stall-midstream}); {@code fake-gated-stream} pauses its stream after the
 * first chunk at the {@link StreamGate} whose id is the last user text; names not starting with {@code gemini-},
 * {@code fake-} or {@code fault-} get 404 {@code NOT_FOUND}. Failures and delays scripted at runtime
 * ({@link #faults()}) apply to {@code generateContent} and {@code streamGenerateContent}. The lifecycle and
 * bookkeeping are {@link FakeServer}'s.
 */
public final class FakeGeminiServer extends FakeServer {

    /** The only API key the fake accepts. */
    public static final String UPSTREAM_KEY = "AIza-upstream-test";

    private static final Pattern MODEL_IN_PATH = Pattern.compile("/v1beta/models/([^/:]+):\\w+");

    private FakeGeminiServer(int port) throws IOException {
        super("fake-gemini-", port, GeminiError::scripted);
        route("/", new GeminiRouter(this));
    }

    /**
     * Starts a fake bound to 127.0.0.1.
     *
     * @param port the port, or 0 for an ephemeral one (see {@link #port()})
     * @return the running server
     * @throws IOException if the port cannot be bound
     */
    public static FakeGeminiServer start(int port) throws IOException {
        return listening(new FakeGeminiServer(port));
    }

    /** Returns the API base URL, {@code http://127.0.0.1:PORT/v1beta}. */
    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1beta";
    }

    /**
     * Returns the latest generate request for this model (the model is in Gemini's URL, not its body).
     *
     * @param model the model id, without {@code models/}
     * @return the request, or empty if none was received
     */
    public Optional<RecordedRequest> lastRequestFor(String model) {
        return latest(forModel(model));
    }

    /**
     * Waits until a generate request for this model has been received (useful when the client side cannot tell, e.g.
     * while {@code fault-timeout} is hanging).
     *
     * @param model   the model id, without {@code models/}
     * @param timeout how long to wait at most
     * @return the latest such request, or empty if none arrived in time
     * @throws InterruptedException if the calling thread is interrupted
     */
    public Optional<RecordedRequest> awaitRequestFor(String model, Duration timeout) throws InterruptedException {
        return awaitLatest(forModel(model), timeout);
    }

    /**
     * Returns the model a recorded generate request was for.
     *
     * @param request a recorded request
     * @return the model id from {@code /v1beta/models/{model}:<method>}, or empty for other paths
     */
    public static Optional<String> modelOf(RecordedRequest request) {
        Matcher m = MODEL_IN_PATH.matcher(request.path());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * The vector the fake answers for a text, as {@code embedContent} and {@code batchEmbedContents} send it.
     *
     * @param text       the text of the content's parts
     * @param dimensions the request's {@code outputDimensionality} (3072 when it names none)
     * @return the deterministic components
     */
    public static float[] embedding(String text, int dimensions) {
        return GeminiEmbedHandler.values(text, dimensions);
    }

    private static Predicate<RecordedRequest> forModel(String model) {
        return request -> modelOf(request).filter(model::equals).isPresent();
    }
}
