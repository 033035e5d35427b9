package io.aigw.jca.provider.anthropic;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.anthropic.AnthropicModels;
import io.aigw.codec.anthropic.AnthropicRequests;
import io.aigw.codec.anthropic.AnthropicResponses;
import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.EmbeddingRequest;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.ModelInfo;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.provider.http.HttpSession;
import io.aigw.jca.provider.ProviderSettings;
import io.aigw.jca.provider.UpstreamCredential;
import io.aigw.jca.provider.http.UpstreamHttp;
import io.aigw.jca.provider.http.UpstreamRequest;
import io.aigw.jca.provider.http.UpstreamResponse;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.util.List;

/** Calls Anthropic's Messages API with one API key. */
final class AnthropicSession extends HttpSession {

    /** The API version sent unless the connection's {@code headers} property sets another. */
    static final String API_VERSION = "2023-06-01";

    AnthropicSession(ProviderSettings settings, UpstreamHttp http, UpstreamCredential credential) {
        super(settings, http, credential, "Anthropic");
    }

    @Override
    public ChatResponse chat(ChatRequest request) throws ProviderException {
        long start = System.nanoTime();
        UpstreamResponse response = exchange(encode(request), "application/json");
        return decode(http.readBody(response, start), AnthropicResponses::decode);
    }

    @Override
    public StreamOutcome streamChat(ChatRequest request, ChatStreamListener listener)
            throws ProviderException, StreamAbortedException {
        long start = System.nanoTime();
        UpstreamResponse response = exchange(encode(request), "text/event-stream");
        return new AnthropicStreamRelay(settings.connectionName(), http, request).relay(response, start, listener);
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) throws ProviderException {
        throw new ProviderException(Kind.UNSUPPORTED, "Connection '" + settings.connectionName()
                + "' (Anthropic) has no embedding models.");
    }

    @Override
    public List<ModelInfo> listModels() throws ProviderException {
        if (!settings.models().isEmpty()) {
            return settings.configuredModels();
        }
        requireCredential();
        long start = System.nanoTime();
        UpstreamResponse response = http.send(authorized(http.request("/models?limit=1000")).get());
        if (response.statusCode() != 200) {
            throw http.failure(response);
        }
        return decode(http.readBody(response, start), AnthropicModels::decodeList);
    }

    private JsonObject encode(ChatRequest request) throws ProviderException {
        try {
            return AnthropicRequests.encode(request);
        } catch (InvalidMessageException e) {
            throw new ProviderException(Kind.UNSUPPORTED, e.getMessage(), e);
        }
    }

    private UpstreamResponse exchange(JsonObject body, String accept) throws ProviderException {
        requireCredential();
        UpstreamResponse response = http.send(authorized(http.request("/messages"))
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .post(JsonText.write(body)));
        if (response.statusCode() != 200) {
            throw http.failure(response);
        }
        return response;
    }

    private UpstreamRequest.Builder authorized(UpstreamRequest.Builder b) {
        http.withApiKey(b, credential, "x-api-key");
        if (settings.headers().keySet().stream().noneMatch("anthropic-version"::equalsIgnoreCase)) {
            b.header("anthropic-version", API_VERSION);
        }
        return b;
    }

}
