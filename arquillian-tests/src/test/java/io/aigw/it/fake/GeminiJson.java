package io.aigw.it.fake;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@code GenerateContentResponse}s — whole, or as the chunks of {@code streamGenerateContent} — field for field
 * as Gemini sends them: {@code candidates[].content.parts}, {@code finishReason}, {@code index},
 * {@code usageMetadata}, {@code modelVersion} and {@code responseId}.
 *
 * @param responseId the same in every chunk of one stream
 * @param request    the request being answered
 * @param reply      the answer
 */
record GeminiJson(String responseId, GeminiRequest request, GeminiReply reply) {

    /** The {@code cachedContentTokenCount} reported when the request names a {@code cachedContent}. */
    static final int CACHED_TOKENS = 3;

    static GeminiJson answering(GeminiRequest request, GeminiReply reply) {
        return new GeminiJson(HttpReplies.randomHex(11), request, reply);
    }

    /** The non-stream reply: every candidate whole, with the final usage. */
    JsonObject response() {
        JsonArrayBuilder candidates = JsonSupport.JSON.createArrayBuilder();
        for (int i = 0; i < request.candidateCount(); i++) {
            List<JsonObject> parts = new ArrayList<>(thoughtParts());
            if (!reply.text().isEmpty()) {
                parts.add(textPart(reply.text()));
            }
            parts.addAll(callParts());
            candidates.add(candidate(i, parts, reply.finishReason()));
        }
        return envelope(candidates, usage(reply.outputTokens(), reply.thoughtTokens())).build();
    }

    /** A blocked prompt ({@code fault-blocked-prompt}): no candidates, {@code promptFeedback} and the prompt's usage. */
    JsonObject blockedPrompt() {
        JsonObject feedback = JsonSupport.JSON.createObjectBuilder().add("blockReason", "SAFETY")
                .add("safetyRatings", JsonSupport.JSON.createArrayBuilder().add(JsonSupport.JSON.createObjectBuilder()
                        .add("category", "HARM_CATEGORY_DANGEROUS_CONTENT").add("probability", "HIGH")
                        .add("blocked", true)))
                .build();
        return JsonSupport.JSON.createObjectBuilder().add("promptFeedback", feedback)
                .add("usageMetadata", usage(0, 0)).add("modelVersion", request.model())
                .add("responseId", responseId).build();
    }

    /**
     * The stream: a thought chunk when asked for, one chunk per text piece with the running usage, then the function
     * calls; the last chunk carries the finish reason and the final usage.
     */
    List<JsonObject> chunks() {
        List<List<JsonObject>> partsPerChunk = new ArrayList<>();
        if (!thoughtParts().isEmpty()) {
            partsPerChunk.add(thoughtParts());
        }
        reply.pieces().forEach(piece -> partsPerChunk.add(List.of(textPart(piece))));
        if (!reply.calls().isEmpty()) {
            partsPerChunk.add(callParts());
        }
        if (partsPerChunk.isEmpty()) {
            partsPerChunk.add(List.of());
        }
        List<JsonObject> chunks = new ArrayList<>();
        int output = 0;
        for (int c = 0; c < partsPerChunk.size(); c++) {
            boolean last = c == partsPerChunk.size() - 1;
            output = last ? reply.outputTokens() : Math.min(reply.outputTokens(), output + 1);
            JsonArrayBuilder candidates = JsonSupport.JSON.createArrayBuilder();
            for (int i = 0; i < request.candidateCount(); i++) {
                candidates.add(candidate(i, partsPerChunk.get(c), last ? reply.finishReason() : null));
            }
            chunks.add(envelope(candidates, usage(output, last ? reply.thoughtTokens() : 0)).build());
        }
        return chunks;
    }

    private JsonObjectBuilder envelope(JsonArrayBuilder candidates, JsonObjectBuilder usage) {
        return JsonSupport.JSON.createObjectBuilder().add("candidates", candidates).add("usageMetadata", usage)
                .add("modelVersion", request.model()).add("responseId", responseId);
    }

    private static JsonObjectBuilder candidate(int index, List<JsonObject> parts, String finishReason) {
        JsonObjectBuilder candidate = JsonSupport.JSON.createObjectBuilder();
        if (!parts.isEmpty()) {
            JsonArrayBuilder array = JsonSupport.JSON.createArrayBuilder();
            parts.forEach(array::add);
            candidate.add("content", JsonSupport.JSON.createObjectBuilder().add("parts", array).add("role", "model"));
        }
        if (finishReason != null) {
            candidate.add("finishReason", finishReason);
        }
        return candidate.add("index", index);
    }

    /** {@code usageMetadata}: the prompt (with any cached content), all candidates' output and the thoughts. */
    private JsonObjectBuilder usage(int outputPerCandidate, int thoughts) {
        int prompt = request.inputTokens() + (request.cached() ? CACHED_TOKENS : 0);
        int candidates = outputPerCandidate * request.candidateCount();
        JsonObjectBuilder usage = JsonSupport.JSON.createObjectBuilder().add("promptTokenCount", prompt);
        if (candidates > 0) {
            usage.add("candidatesTokenCount", candidates);
        }
        usage.add("totalTokenCount", prompt + candidates + thoughts);
        if (request.cached()) {
            usage.add("cachedContentTokenCount", CACHED_TOKENS);
        }
        if (thoughts > 0) {
            usage.add("thoughtsTokenCount", thoughts);
        }
        return usage.add("promptTokensDetails", JsonSupport.JSON.createArrayBuilder().add(JsonSupport.JSON
                .createObjectBuilder().add("modality", "TEXT").add("tokenCount", prompt)));
    }

    private List<JsonObject> thoughtParts() {
        if (!request.includeThoughts() || reply.thoughtTokens() == 0) {
            return List.of();
        }
        return List.of(JsonSupport.JSON.createObjectBuilder().add("text", "Thinking about a greeting.")
                .add("thought", true).build());
    }

    private List<JsonObject> callParts() {
        List<JsonObject> parts = new ArrayList<>();
        for (GeminiReply.Call call : reply.calls()) {
            parts.add(JsonSupport.JSON.createObjectBuilder().add("functionCall", JsonSupport.JSON.createObjectBuilder()
                    .add("name", call.name()).add("args", parse(call.args()))).build());
        }
        return parts;
    }

    private static JsonObject textPart(String text) {
        return JsonSupport.JSON.createObjectBuilder().add("text", text).build();
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
