package io.aigw.jca.provider.openai;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.json.JsonText;
import io.aigw.codec.openai.OpenAiChatRequests;
import io.aigw.codec.openai.OpenAiChatResponses;
import io.aigw.codec.openai.OpenAiEmbeddings;
import io.aigw.codec.openai.OpenAiModels;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.ConnectionStatus;
import io.aigw.jca.api.EmbeddingRequest;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.ModelInfo;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.provider.ProviderSession;
import io.aigw.jca.provider.ProviderSettings;
import io.aigw.jca.provider.UpstreamCredential;
import io.aigw.jca.provider.http.UpstreamHttp;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** Calls an OpenAI-compatible upstream with one credential. */
final class OpenAiSession implements ProviderSession {

    private final ProviderSettings settings;
    private final UpstreamHttp http;
    private final UpstreamCredential credential;

    OpenAiSession(ProviderSettings settings, UpstreamHttp http, UpstreamCredential credential) {
        this.settings = settings;
        this.http = http;
        this.credential = credential;
    }

    @Override
    public ChatResponse chat(ChatRequest request) throws ProviderException {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = exchange("/chat/completions", OpenAiChatRequests.encode(request),
                "application/json");
        ChatResponse decoded = decode(http.readBody(response, start), OpenAiChatResponses::decode);
        return decoded.usage().totalTokens() > 0 || decoded.choices().isEmpty() ? decoded
                : new ChatResponse(decoded.id(), decoded.model(), decoded.created(), decoded.choices(),
                        UsageEstimates.of(request, decoded), decoded.systemFingerprint());
    }

    @Override
    public StreamOutcome streamChat(ChatRequest request, ChatStreamListener listener)
            throws ProviderException, StreamAbortedException {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = exchange("/chat/completions", OpenAiChatRequests.encode(request),
                "text/event-stream");
        return new OpenAiStreamRelay(settings.connectionName(), http, request).relay(response, start, listener);
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) throws ProviderException {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = exchange("/embeddings", OpenAiEmbeddings.encode(request),
                "application/json");
        return decode(http.readBody(response, start), OpenAiEmbeddings::decodeResponse);
    }

    @Override
    public List<ModelInfo> listModels() throws ProviderException {
        if (!settings.models().isEmpty()) {
            return settings.configuredModels();
        }
        requireCredential();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(authorized(http.request("/models")).GET().build());
        if (response.statusCode() != 200) {
            throw http.failure(response);
        }
        return decode(http.readBody(response, start), OpenAiModels::decodeList);
    }

    @Override
    public ConnectionStatus status() {
        boolean ready = credential != null || !settings.requiresCredential();
        return new ConnectionStatus(settings.connectionName(), settings.protocol(), ready,
                ready ? null : "no upstream credential is configured (authData of eis/aigw/" + settings.connectionName()
                        + ")");
    }

    @Override
    public void close() {
        // nothing per connection: the HTTP client belongs to the connection factory
    }

    /** POSTs the JSON body; returns the response once the upstream accepted it (200), its body unread. */
    private HttpResponse<InputStream> exchange(String path, JsonObject body, String accept) throws ProviderException {
        requireCredential();
        HttpResponse<InputStream> response = http.send(authorized(http.request(path))
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(JsonText.write(body)))
                .build());
        if (response.statusCode() != 200) {
            throw http.failure(response);
        }
        return response;
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder b) {
        if (credential != null) {
            b.header("Authorization", "Bearer " + credential.secret());
        }
        return b;
    }

    private void requireCredential() throws ProviderException {
        ConnectionStatus status = status();
        if (!status.available()) {
            throw new ProviderException(Kind.NOT_CONFIGURED, "Connection '" + settings.connectionName()
                    + "' cannot serve: " + status.reason() + ".");
        }
    }

    private <T> T decode(String body, java.util.function.Function<JsonObject, T> decoder) throws ProviderException {
        try {
            return decoder.apply(JsonText.parseObject(body));
        } catch (InvalidMessageException | ClassCastException e) {
            throw new ProviderException(Kind.BAD_RESPONSE, "The upstream of connection '" + settings.connectionName()
                    + "' returned a response that is not valid OpenAI JSON.", e);
        }
    }
}
