package io.aigw.it.fake;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A fake Amazon Bedrock runtime (Converse API) over real HTTP on 127.0.0.1, for integration tests.
 *
 * <p>Serves {@code POST /model/{modelId}/converse} (JSON) and {@code /converse-stream} (binary
 * {@code application/vnd.amazon.eventstream} frames written with the AWS event-stream codec), with Bedrock's error
 * replies ({@code x-amzn-ErrorType} and {@code {"message":...}}) and {@code x-amzn-RequestId}. Every request must be
 * signed with SigV4 for service {@code bedrock} in {@value #REGION} with access key {@value #ACCESS_KEY_ID} and
 * secret {@value #SECRET_ACCESS_KEY}; the signature is recomputed with the AWS SDK's signer and a bad one gets
 * 403 {@code InvalidSignatureException}. Every request is recorded as a {@link RecordedRequest}.
 *
 * <p>Replies are deterministic: the text is {@code "Hello from <modelId>."}; {@code inputTokens} are the words of
 * the system blocks and of all message texts, {@code outputTokens} the words of the reply;
 * {@code inferenceConfig.maxTokens} and {@code stopSequences} cut the reply; a {@code cachePoint} system block
 * reports {@code cacheReadInputTokens} = {@value BedrockJson#CACHE_READ_TOKENS}. With a {@code toolConfig} and a
 * last user message mentioning the weather the answer is {@code "Let me check."} plus two parallel {@code toolUse}
 * blocks (Paris, Rome); a last user message with {@code toolResult}s gets {@code "The weather is fine."}. A model
 * named {@code fault-*} selects a fault ({@code fault-throttle}, {@code fault-not-ready}, {@code fault-unavailable},
 * {@code fault-internal}, {@code fault-validation}, {@code fault-context-length}, {@code fault-access-denied},
 * {@code fault-garbage}, {@code fault-timeout}; in streams after the first text delta {@code fault-stream-throttle},
 * {@code fault-stream-error}, {@code fault-stream-crc}, {@code fault-stream-reset}); {@code fake-gated-stream}
 * pauses its stream after the first text delta at the {@link StreamGate} keyed by the last user message's text.
 * Conversations that do not start with the user, do not alternate, or whose {@code toolResult}s do not answer the
 * previous turn's {@code toolUse}s get Bedrock's {@code ValidationException} ({@link BedrockConversation}).
 * Model ids not starting with a provider prefix ({@code anthropic.}, {@code amazon.}, {@code meta.}, ...),
 * {@code fake-} or {@code fault-} get 404 {@code ResourceNotFoundException}. Failures and delays scripted at runtime
 * ({@link #faults()}) apply to {@code converse} and {@code converse-stream}. The lifecycle and bookkeeping are
 * {@link FakeServer}'s.
 */
public final class FakeBedrockServer extends FakeServer {

    /** The access key id the fake accepts. */
    public static final String ACCESS_KEY_ID = "AKIDAIGWTEST";

    /** The secret access key the fake checks signatures with. */
    public static final String SECRET_ACCESS_KEY = "aigw-upstream-test-secret";

    /** The region requests must be signed for. */
    public static final String REGION = "us-east-1";

    private FakeBedrockServer(int port) throws IOException {
        super("fake-bedrock-", port, BedrockError::scripted);
        route("/", new BedrockRouter(this));
    }

    /**
     * Starts a fake bound to 127.0.0.1.
     *
     * @param port the port, or 0 for an ephemeral one (see {@link #port()})
     * @return the running server
     * @throws IOException if the port cannot be bound
     */
    public static FakeBedrockServer start(int port) throws IOException {
        return listening(new FakeBedrockServer(port));
    }

    /** Returns the base URL, {@code http://127.0.0.1:PORT} (the connection's {@code baseUrl}). */
    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * Returns the latest request addressed to this model id (the path is recorded decoded).
     *
     * @param modelId the model id, e.g. {@code anthropic.claude-3-haiku-20240307-v1:0}
     * @return the request, or empty if none was received
     */
    public Optional<RecordedRequest> lastRequestFor(String modelId) {
        return latest(forModel(modelId));
    }

    /**
     * Waits until a request addressed to this model id has been received.
     *
     * @param modelId the model id
     * @param timeout how long to wait at most
     * @return the latest such request, or empty if none arrived in time
     * @throws InterruptedException if the calling thread is interrupted
     */
    public Optional<RecordedRequest> awaitRequestFor(String modelId, Duration timeout) throws InterruptedException {
        return awaitLatest(forModel(modelId), timeout);
    }

    private static Predicate<RecordedRequest> forModel(String modelId) {
        return request -> request.path().startsWith("/model/" + modelId + "/");
    }
}
