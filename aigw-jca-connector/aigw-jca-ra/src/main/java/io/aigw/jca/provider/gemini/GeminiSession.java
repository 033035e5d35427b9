package io.aigw.jca.provider.gemini;

import io.aigw.codec.InvalidMessageException;
import io.aigw.codec.gemini.GeminiEmbeddings;
import io.aigw.codec.gemini.GeminiModels;
import io.aigw.codec.gemini.GeminiRequests;
import io.aigw.codec.gemini.GeminiResponses;
import io.aigw.codec.gemini.GeminiUnsupportedException;
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
import io.aigw.jca.provider.ProviderSettings;
import io.aigw.jca.provider.UpstreamCredential;
import io.aigw.jca.provider.http.HttpSession;
import io.aigw.jca.provider.http.ImageFetcher;
import io.aigw.jca.provider.http.UpstreamHttp;
import io.aigw.jca.provider.http.UpstreamRequest;
import io.aigw.jca.provider.http.UpstreamBody;
import io.aigw.jca.provider.http.UpstreamResponse;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Calls the Gemini API with one API key: {@code POST models/{model}:generateContent} and
 * {@code :streamGenerateContent?alt=sse}, {@code GET models} page by page. The key goes in {@code x-goog-api-key}
 * unless the connection's dialect names another header; the dialect's query parameters are appended to every URL.
 */
final class GeminiSession extends HttpSession {

    static final String API_KEY_HEADER = "x-goog-api-key";

    /** {@code models/x}, {@code tunedModels/x} or a bare model id: nothing that could change the URL's path. */
    private static final Pattern MODEL = Pattern.compile("((models|tunedModels)/)?[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final int MAX_MODEL_PAGES = 50;

    private final ImageFetcher images;

    GeminiSession(ProviderSettings settings, UpstreamHttp http, ImageFetcher images, UpstreamCredential credential) {
        super(settings, http, credential, "Gemini");
        this.images = images;
    }

    @Override
    public ChatResponse chat(ChatRequest request) throws ProviderException {
        long start = System.nanoTime();
        UpstreamResponse response = exchange(modelPath(request.model()) + ":generateContent",
                encode(request), "application/json");
        return decode(http.readBody(response, start), GeminiResponses::decode);
    }

    @Override
    public StreamOutcome streamChat(ChatRequest request, ChatStreamListener listener)
            throws ProviderException, StreamAbortedException {
        long start = System.nanoTime();
        UpstreamResponse response = exchange(modelPath(request.model()) + ":streamGenerateContent?alt=sse",
                encode(request), "text/event-stream");
        return new GeminiStreamRelay(settings.connectionName(), http, request).relay(response, start, listener);
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) throws ProviderException {
        long start = System.nanoTime();
        UpstreamResponse response = exchange(modelPath(request.model()) + ":batchEmbedContents",
                GeminiEmbeddings.encode(request), "application/json");
        return decode(http.readBody(response, start), body -> GeminiEmbeddings.decode(body, request));
    }

    @Override
    public List<ModelInfo> listModels() throws ProviderException {
        if (!settings.models().isEmpty()) {
            return settings.configuredModels();
        }
        requireCredential();
        List<ModelInfo> models = new ArrayList<>();
        String pageToken = null;
        for (int page = 0; page < MAX_MODEL_PAGES; page++) {
            String path = "/models?pageSize=1000" + (pageToken == null ? ""
                    : "&pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8));
            long start = System.nanoTime();
            UpstreamResponse response = http.send(authorized(http.request(path)).get());
            if (response.statusCode() != 200) {
                throw failure(response);
            }
            GeminiModels.Page decoded = decode(http.readBody(response, start), GeminiModels::decodePage);
            models.addAll(decoded.models());
            pageToken = decoded.nextPageToken();
            if (pageToken == null) {
                return models;
            }
        }
        throw new ProviderException(Kind.BAD_RESPONSE, "The upstream of connection '" + settings.connectionName()
                + "' listed more than " + MAX_MODEL_PAGES + " pages of models.");
    }

    private JsonObject encode(ChatRequest request) throws ProviderException {
        InlineImages inline = InlineImages.load(request, images);
        try {
            return GeminiRequests.encode(request, inline);
        } catch (GeminiUnsupportedException e) {
            throw new ProviderException(Kind.UNSUPPORTED, e.getMessage(), e);
        } catch (InvalidMessageException e) {
            throw new ProviderException(Kind.BAD_REQUEST, e.getMessage(), e);
        }
    }

    private String modelPath(String model) throws ProviderException {
        if (!MODEL.matcher(model).matches()) {
            throw new ProviderException(Kind.BAD_REQUEST, "'" + model + "' is not a valid Gemini model name.");
        }
        return model.contains("/") ? "/" + model : "/models/" + model;
    }

    /** POSTs the JSON body; returns the response once the upstream accepted it (200), its body unread. */
    private UpstreamResponse exchange(String path, JsonObject body, String accept) throws ProviderException {
        requireCredential();
        UpstreamResponse response = http.send(authorized(http.request(path))
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .post(UpstreamBody.json(body)));
        if (response.statusCode() != 200) {
            throw failure(response);
        }
        return response;
    }

    private ProviderException failure(UpstreamResponse response) {
        return GeminiFailures.ofStatus(settings.connectionName(), response.statusCode(), response.headers(),
                http.errorBody(response));
    }

    private UpstreamRequest.Builder authorized(UpstreamRequest.Builder b) {
        return http.withApiKey(b, credential, API_KEY_HEADER);
    }
}
