package io.aigw.jca.provider.local;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.api.Usage;
import io.aigw.jca.provider.LocalModels;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bundled embedding model, loaded on first use and then shared. ONNX Runtime and the tokenizer load their native
 * code and the model files through the thread context class loader, so calls run with the library's loader set;
 * inference stays on the calling thread (no executor of its own). ONNX Runtime's telemetry is switched off before
 * the model loads.
 */
public final class MiniLmEmbeddingModels implements LocalModels {

    /** The model id clients use after the connection prefix: {@code local/all-minilm-l6-v2}. */
    public static final String MODEL_ID = "all-minilm-l6-v2";

    private static final Logger LOG = Logger.getLogger(MiniLmEmbeddingModels.class.getName());

    private volatile AllMiniLmL6V2QuantizedEmbeddingModel model;

    @Override
    public List<String> embeddingModels() {
        return List.of(MODEL_ID);
    }

    @Override
    public EmbeddingResponse embed(String modelId, List<String> inputs) throws ProviderException {
        if (!MODEL_ID.equals(modelId)) {
            throw new ProviderException(Kind.NOT_FOUND, "The local connection has no model '" + modelId + "'.");
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(AllMiniLmL6V2QuantizedEmbeddingModel.class.getClassLoader());
        try {
            List<TextSegment> segments = new ArrayList<>(inputs.size());
            for (String input : inputs) {
                segments.add(TextSegment.from(input.isEmpty() ? " " : input));
            }
            Response<List<Embedding>> response = model().embedAll(segments);
            List<float[]> vectors = new ArrayList<>(inputs.size());
            response.content().forEach(e -> vectors.add(e.vector()));
            Integer tokens = response.tokenUsage() == null ? null : response.tokenUsage().inputTokenCount();
            return new EmbeddingResponse(MODEL_ID, vectors, Usage.of(tokens == null ? 0 : tokens, 0));
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.SEVERE, "Local embedding inference failed", e);
            throw new ProviderException(Kind.UPSTREAM_ERROR, "The local embedding model failed.", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private AllMiniLmL6V2QuantizedEmbeddingModel model() {
        AllMiniLmL6V2QuantizedEmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) {
                    long start = System.nanoTime();
                    disableOnnxTelemetry();
                    m = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
                    model = m;
                    LOG.info(() -> "Loaded local embedding model " + MODEL_ID + " in "
                            + (System.nanoTime() - start) / 1_000_000 + " ms");
                }
            }
        }
        return m;
    }

    private static void disableOnnxTelemetry() {
        try {
            ai.onnxruntime.OrtEnvironment.getEnvironment().setTelemetry(false);
        } catch (ai.onnxruntime.OrtException | RuntimeException e) {
            LOG.warning("Could not switch ONNX Runtime telemetry off: " + e);
        }
    }

    /** Drops the model reference; the native runtime stays loaded in its class loader for the server's life. */
    public void release() {
        model = null;
    }
}
