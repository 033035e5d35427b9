package io.aigw.it.fake;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

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
 * blocks. A model named {@code fault-*} selects a fault ({@code fault-context-length} is the 400 of a prompt too
 * long); {@code fake-gated-stream} pauses its stream at the {@link StreamGate} keyed by {@code metadata.user_id};
 * names not starting with {@code claude-}, {@code fake-} or {@code fault-} get 404 {@code not_found_error}.
 * {@code tool_use} blocks not answered by leading {@code tool_result} blocks of the next user turn, and
 * {@code tool_result} blocks answering nothing, are rejected as Anthropic rejects them ({@link AnthropicToolPairing}).
 * Failures and delays scripted at runtime ({@link #faults()}) apply to {@code /v1/messages}. The lifecycle and
 * bookkeeping are {@link FakeServer}'s.
 */
public final class FakeAnthropicServer extends FakeServer {

    /** The only API key the fake accepts (header {@code x-api-key}). */
    public static final String UPSTREAM_KEY = "sk-ant-upstream-test";

    private FakeAnthropicServer(int port) throws IOException {
        super("fake-anthropic-", port, AnthropicError::scripted);
        route("/", new AnthropicRouter(this));
    }

    /**
     * Starts a fake bound to 127.0.0.1.
     *
     * @param port the port, or 0 for an ephemeral one (see {@link #port()})
     * @return the running server
     * @throws IOException if the port cannot be bound
     */
    public static FakeAnthropicServer start(int port) throws IOException {
        return listening(new FakeAnthropicServer(port));
    }

    /** Returns the API base URL, {@code http://127.0.0.1:PORT/v1}. */
    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /**
     * Returns the latest request whose JSON body has this {@code metadata.user_id}.
     *
     * @param userId the {@code metadata.user_id} value to look for
     * @return the request, or empty if none was received
     */
    public Optional<RecordedRequest> lastRequestWithMetadataUser(String userId) {
        return latest(request -> metadataUserId(request).filter(userId::equals).isPresent());
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
     * Waits until a request whose JSON body names this model has been received (useful when the client side
     * cannot tell, e.g. while {@code fault-timeout} is hanging).
     *
     * @param model   the {@code model} value to look for
     * @param timeout how long to wait at most
     * @return the latest such request, or empty if none arrived in time
     * @throws InterruptedException if the calling thread is interrupted
     */
    public Optional<RecordedRequest> awaitRequestFor(String model, Duration timeout) throws InterruptedException {
        return awaitLatest(hasModel(model), timeout);
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
}
