package io.aigw.jca.provider.local;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.GenerationOptions;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.api.StreamAbortedException;
import java.time.Duration;

/**
 * One generation on the local chat model: the templated prompt, the request's sampling settings, and the binding's
 * token stream handed to a {@link TokenSink} token by token. The binding streams one output per generated token (a
 * token that ends inside a multi-byte character is merged into the next output) and a final empty one; completion
 * tokens are counted from those outputs. Generation stops, and its slot is freed, when the sink aborts, the total
 * timeout expires or the model closes.
 */
final class LocalGeneration {

    /** Receives each generated token's text as it is produced. */
    @FunctionalInterface
    interface TokenSink {
        /** The text of the next token (possibly empty: a control token, or text held back by a stop sequence). */
        void token(String text) throws StreamAbortedException;
    }

    /**
     * What a generation produced.
     *
     * @param text             the generated text (stop sequence excluded)
     * @param promptTokens     the tokenizer's count of the templated prompt
     * @param completionTokens tokens generated
     * @param finishReason     {@link FinishReason#LENGTH} when the token limit was reached, {@link FinishReason#STOP}
     *                         otherwise
     */
    record Result(String text, int promptTokens, int completionTokens, FinishReason finishReason) {
    }

    private final GgufChatModel chatModel;
    private final Duration totalTimeout;
    private final ChatRequest request;
    private final InferenceParameters messages;

    /** Prepares the generation, refusing at once what the local model cannot serve. */
    LocalGeneration(GgufChatModel chatModel, Duration totalTimeout, ChatRequest request) throws ProviderException {
        this.chatModel = chatModel;
        this.totalTimeout = totalTimeout;
        this.request = request;
        this.messages = ChatPrompt.messagesOf(request);
    }

    /** Generates the answer, passing each token to the sink as it is produced. */
    Result run(TokenSink sink) throws ProviderException, StreamAbortedException {
        long start = System.nanoTime();
        LlamaModel model = chatModel.generationStarted();
        try {
            String prompt;
            int promptTokens;
            try {
                prompt = model.applyTemplate(messages);
                promptTokens = model.encode(prompt).length;
            } catch (RuntimeException e) {
                throw failed(request, e);
            }
            int limit = tokenLimit(request, promptTokens);
            LlamaIterator outputs;
            try {
                outputs = model.generate(parameters(request, prompt, limit)).iterator();
            } catch (RuntimeException e) {
                throw failed(request, e);
            }
            StringBuilder text = new StringBuilder();
            int tokens = 0;
            boolean finished = false;
            try {
                while (outputs.hasNext()) {
                    LlamaOutput output = next(outputs, request);
                    if (!outputs.hasNext()) {
                        finished = true;
                        break;
                    }
                    tokens++;
                    text.append(output.text);
                    sink.token(output.text);
                    checkStillWanted(request, start);
                }
            } finally {
                if (!finished) {
                    outputs.cancel();
                }
            }
            return new Result(text.toString(), promptTokens, tokens,
                    tokens >= limit ? FinishReason.LENGTH : FinishReason.STOP);
        } finally {
            chatModel.generationEnded();
        }
    }

    private static LlamaOutput next(LlamaIterator outputs, ChatRequest request) throws ProviderException {
        try {
            return outputs.next();
        } catch (RuntimeException e) {
            throw failed(request, e);
        }
    }

    /** The binding failed (its own exception type is not public). */
    private static ProviderException failed(ChatRequest request, RuntimeException e) {
        return new ProviderException(Kind.UPSTREAM_ERROR, "The local model '" + request.model()
                + "' failed to generate.", e);
    }

    /** The most tokens to generate: the request's max_tokens, at most what the slot's context has left. */
    private int tokenLimit(ChatRequest request, int promptTokens) throws ProviderException {
        int room = chatModel.settings().contextSize() - promptTokens;
        if (room < 1) {
            throw new ProviderException(Kind.BAD_REQUEST, "The prompt of " + promptTokens + " tokens does not fit the"
                    + " context of " + chatModel.settings().contextSize() + " tokens of the local model '"
                    + request.model() + "'.");
        }
        Integer maxTokens = request.options().maxTokens();
        return maxTokens == null ? room : Math.max(1, Math.min(maxTokens, room));
    }

    private static InferenceParameters parameters(ChatRequest request, String prompt, int limit) {
        GenerationOptions options = request.options();
        InferenceParameters p = new InferenceParameters(prompt).setNPredict(limit);
        if (options.temperature() != null) {
            p.setTemperature(options.temperature().floatValue());
        }
        if (options.topP() != null) {
            p.setTopP(options.topP().floatValue());
        }
        if (!options.stop().isEmpty()) {
            p.setStopStrings(options.stop().toArray(String[]::new));
        }
        if (request.extensions().get("seed") instanceof Number seed) {
            // reproducible: the prompt is evaluated afresh, as one batch, instead of reusing the slot's cached prefix
            // (a different batch split changes the float sums and so, near ties, the chosen tokens)
            p.setSeed(seed.intValue()).setCachePrompt(false);
        }
        return p;
    }

    private void checkStillWanted(ChatRequest request, long start) throws ProviderException {
        if (chatModel.closing()) {
            throw new ProviderException(Kind.UNREACHABLE, "The local model '" + request.model()
                    + "' was closed while generating.");
        }
        if (System.nanoTime() - start > totalTimeout.toNanos()) {
            throw new ProviderException(Kind.TIMEOUT, "The local model '" + request.model() + "' did not finish within "
                    + totalTimeout.toSeconds() + " s.");
        }
    }
}
