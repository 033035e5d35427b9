package io.aigw.jca.provider.openai;

import io.aigw.codec.json.JsonText;
import io.aigw.codec.json.Jsonp;
import io.aigw.codec.openai.OpenAiChatRequests;
import io.aigw.codec.openai.OpenAiChatResponses;
import io.aigw.codec.openai.OpenAiEmbeddings;
import io.aigw.codec.openai.OpenAiModels;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.EmbeddingRequest;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.ModelInfo;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.provider.UsageEstimates;
import io.aigw.jca.provider.http.HttpSession;
import io.aigw.jca.provider.ProviderSettings;
import io.aigw.jca.provider.UpstreamCredential;
import io.aigw.jca.provider.http.UpstreamHttp;
import io.aigw.jca.provider.http.UpstreamRequest;
import io.aigw.jca.provider.http.UpstreamResponse;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.util.List;

/** Calls an OpenAI-compatible upstream with one credential. */
final class OpenAiSession extends HttpSession {

    OpenAiSession(ProviderSettings settings, UpstreamHttp http, UpstreamCredential credential) {
        super(settings, http, credential, "OpenAI");
    }

    @Override
    public ChatResponse chat(ChatRequest request) throws ProviderException {
        long start = System.nanoTime();
        UpstreamResponse response = exchange("/chat/completions", request.model(), OpenAiChatRequests.encode(request),
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
        UpstreamResponse response = exchange("/chat/completions", request.model(), OpenAiChatRequests.encode(request),
                "text/event-stream");
        return new OpenAiStreamRelay(settings.connectionName(), http, request).relay(response, start, listener);
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) throws ProviderException {
        long start = System.nanoTime();
        UpstreamResponse response = exchange("/embeddings", request.model(), OpenAiEmbeddings.encode(request),
                "application/json");
        return decode(http.readBody(response, start), OpenAiEmbeddings::decodeResponse);
    }

    @Override
    public List<ModelInfo> listModels() throws ProviderException {
        if (!settings.models().isEmpty()) {
            return settings.configuredModels();
        }
        if (http.perModelBaseUrl()) {
            throw new ProviderException(ProviderException.Kind.UNSUPPORTED, "Connection '" + settings.connectionName()
                    + "' has a per-deployment base URL; list its deployments in the connection factory's 'models'.");
        }
        requireCredential();
        long start = System.nanoTime();
        UpstreamResponse response = http.send(authorized(http.request("/models")).get());
        if (response.statusCode() != 200) {
            throw http.failure(response);
        }
        return decode(http.readBody(response, start), OpenAiModels::decodeList);
    }

    /** POSTs the JSON body; returns the response once the upstream accepted it (200), its body unread. */
    private UpstreamResponse exchange(String path, String model, JsonObject body, String accept)
            throws ProviderException {
        requireCredential();
        for (String field : settings.dialect().dropFields()) {
            if (body.containsKey(field)) {
                body = Jsonp.createObjectBuilder(body).remove(field).build();
            }
        }
        UpstreamResponse response = http.send(authorized(http.request(path, model))
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .post(JsonText.write(body)));
        if (response.statusCode() != 200) {
            throw http.failure(response);
        }
        return response;
    }

    private UpstreamRequest.Builder authorized(UpstreamRequest.Builder b) {
        return http.withApiKey(b, credential, "Authorization");
    }

}
