package io.aigw.jca.provider.bedrock;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.bedrock.BedrockRequests;
import io.aigw.codec.bedrock.BedrockResponses;
import io.aigw.codec.bedrock.ConverseImage;
import io.aigw.codec.json.JsonText;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.ConnectionStatus;
import io.aigw.jca.api.EmbeddingRequest;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.ImagePart;
import io.aigw.jca.api.ModelInfo;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.jca.provider.ProviderSettings;
import io.aigw.jca.provider.UpstreamCredential;
import io.aigw.jca.provider.http.HttpSession;
import io.aigw.jca.provider.http.UpstreamHttp;
import io.aigw.jca.provider.http.UpstreamRequest;
import io.aigw.jca.provider.http.UpstreamBody;
import io.aigw.jca.provider.http.UpstreamResponse;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Calls Bedrock's Converse and ConverseStream operations with one credential. The completion id is Bedrock's request
 * id ({@code x-amzn-RequestId}); the model is the id the request addressed.
 */
final class BedrockSession extends HttpSession {

    static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

    private final BedrockImages images;
    private final BedrockAuthorization authorization;

    BedrockSession(ProviderSettings settings, UpstreamHttp http, UpstreamCredential credential, BedrockImages images,
                   BedrockAuthorization authorization) {
        super(settings, http, credential, "Bedrock Converse");
        this.images = images;
        this.authorization = authorization;
    }

    /** Not available without a credential (unless none is required), a region, or with an unusable credential. */
    @Override
    public ConnectionStatus status() {
        ConnectionStatus base = super.status();
        String problem = !base.available() ? null : settings.region().isEmpty()
                ? "no AWS region is configured (property region of eis/aigw/" + settings.connectionName() + ")"
                : authorization.problem();
        return problem == null ? base : new ConnectionStatus(settings.connectionName(), settings.protocol(), false,
                problem);
    }

    @Override
    public ChatResponse chat(ChatRequest request) throws ProviderException {
        long start = System.nanoTime();
        UpstreamResponse response = exchange(request, "converse", "application/json");
        String id = completionId(response);
        return decode(http.readBody(response, start), body -> BedrockResponses.decode(body, id, request.model()));
    }

    @Override
    public StreamOutcome streamChat(ChatRequest request, ChatStreamListener listener)
            throws ProviderException, StreamAbortedException {
        long start = System.nanoTime();
        UpstreamResponse response = exchange(request, "converse-stream", EVENT_STREAM);
        return new BedrockStreamRelay(settings.connectionName(), http, request, completionId(response))
                .relay(response, start, listener);
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) throws ProviderException {
        throw new ProviderException(Kind.UNSUPPORTED, "Connection '" + settings.connectionName()
                + "' (Bedrock Converse) has no embedding models.");
    }

    /**
     * The configured models. Bedrock lists its models on the control-plane endpoint ({@code bedrock.{region}},
     * {@code ListFoundationModels}), not the runtime one, and with other permissions, so it is not asked.
     */
    @Override
    public List<ModelInfo> listModels() {
        return settings.configuredModels();
    }

    private UpstreamResponse exchange(ChatRequest request, String operation, String accept)
            throws ProviderException {
        requireCredential();
        UpstreamBody body = UpstreamBody.json(encode(request));
        String path = BedrockEndpoint.path(request.model(), operation);
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("Content-Type", "application/json");
        signed.put("Accept", accept);
        UpstreamRequest.Builder b = http.request(path);
        signed.forEach(b::header);
        authorization.headers("POST", URI.create(settings.baseUrl() + path), signed, body).forEach(b::header);
        UpstreamResponse response = http.send(b.post(body));
        if (response.statusCode() != 200) {
            throw failure(response);
        }
        return response;
    }

    private jakarta.json.JsonObject encode(ChatRequest request) throws ProviderException {
        Map<ImagePart, ConverseImage> loaded = images.load(request);
        try {
            return BedrockRequests.encode(request, loaded::get);
        } catch (InvalidMessageException e) {
            throw new ProviderException(Kind.UNSUPPORTED, e.getMessage(), e);
        }
    }

    private ProviderException failure(UpstreamResponse response) {
        String body;
        try {
            body = http.readBody(response, System.nanoTime());
        } catch (ProviderException e) {
            body = "";
        }
        return BedrockFailures.ofStatus(settings.connectionName(), response.statusCode(), response.headers(), body);
    }

    private static String completionId(UpstreamResponse response) {
        return response.headers().firstValue("x-amzn-RequestId").orElseGet(() -> "bedrock-" + UUID.randomUUID());
    }
}
