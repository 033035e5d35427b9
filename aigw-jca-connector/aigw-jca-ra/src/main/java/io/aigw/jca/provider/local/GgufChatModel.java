package io.aigw.jca.provider.local;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.ProviderException.Kind;
import io.aigw.jca.provider.ProviderSettings.LocalModelSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * The GGUF chat model of one connection factory, loaded once on first use with one inference slot per managed
 * connection ({@link InferenceSlots}) and kept until {@link #close()}; destroying and creating managed connections
 * never reloads it. A file that cannot be loaded is remembered and reported on every later use.
 * <p>
 * de.kherud:llama 4.2.0 runs llama.cpp's server loop on a native thread it attaches to the JVM as a non-daemon
 * thread ({@code Thread-N}). {@link #close()} first lets running generations end, then stops that loop; the binding
 * never detaches the thread, so the JVM keeps listing it (with no stack) until it exits, and does not free the
 * model's memory: a JVM that should end by itself needs {@code System.exit} (Liberty's launcher calls it).
 */
final class GgufChatModel implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GgufChatModel.class.getName());
    private static final byte[] GGUF_MAGIC = "GGUF".getBytes(StandardCharsets.US_ASCII);
    private static final long CLOSE_GRACE_SECONDS = 10;

    private final String connection;
    private final String id;
    private final LocalModelSettings settings;
    private final InferenceSlots slots;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private LlamaModel model;
    private ProviderException loadFailure;
    private int loads;
    private int active;
    private int peakActive;
    private volatile boolean closing;

    GgufChatModel(String connection, String id, LocalModelSettings settings) {
        this.connection = connection;
        this.id = id;
        this.settings = settings;
        this.slots = new InferenceSlots(connection, settings.inferenceSlots());
    }

    /** The model id clients use after the connection prefix. */
    String id() {
        return id;
    }

    LocalModelSettings settings() {
        return settings;
    }

    InferenceSlots slots() {
        return slots;
    }

    /** Why the model cannot serve, checked without loading it; {@code null} when it looks servable. */
    String problem() {
        lock.lock();
        try {
            if (closing) {
                return "the local chat model of connection '" + connection + "' has been closed";
            }
            if (loadFailure != null) {
                return loadFailure.getMessage();
            }
        } finally {
            lock.unlock();
        }
        Path file = Path.of(settings.modelPath());
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(4), GGUF_MAGIC) ? null
                    : "the model file '" + file.getFileName() + "' of connection '" + connection + "' is not a GGUF file";
        } catch (IOException e) {
            return "the model file '" + file.getFileName() + "' of connection '" + connection + "' cannot be read";
        }
    }

    /**
     * Marks the start of a generation and returns the loaded model, loading it the first time.
     * Every successful call must be paired with {@link #generationEnded()}.
     */
    LlamaModel generationStarted() throws ProviderException {
        lock.lock();
        try {
            LlamaModel m = loaded();
            active++;
            peakActive = Math.max(peakActive, active);
            return m;
        } finally {
            lock.unlock();
        }
    }

    /** Marks the end of a generation. */
    void generationEnded() {
        lock.lock();
        try {
            active--;
            idle.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether running generations should stop now (the model is closing). */
    boolean closing() {
        return closing;
    }

    private LlamaModel loaded() throws ProviderException {
        if (closing) {
            throw new ProviderException(Kind.NOT_CONFIGURED, "The local chat model of connection '" + connection
                    + "' has been closed.");
        }
        if (loadFailure != null) {
            throw loadFailure;
        }
        if (model == null) {
            String problem = problem();
            if (problem != null) {
                loadFailure = new ProviderException(Kind.NOT_CONFIGURED, capitalized(problem) + ".");
                throw loadFailure;
            }
            model = load();
        }
        return model;
    }

    private LlamaModel load() throws ProviderException {
        long start = System.nanoTime();
        ModelParameters parameters = new ModelParameters()
                .setModel(settings.modelPath())
                .setParallel(settings.inferenceSlots())
                .setCtxSize(settings.contextSize() * settings.inferenceSlots())
                .setThreads(settings.threads())
                .setThreadsBatch(settings.threads())
                .disableLog();
        try {
            LlamaModel loadedModel = new LlamaModel(parameters);
            loads++;
            LOG.info(() -> "Loaded local chat model " + id + " of connection '" + connection + "' with "
                    + settings.inferenceSlots() + " inference slots of " + settings.contextSize() + " tokens in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
            return loadedModel;
        } catch (RuntimeException | LinkageError e) { // the binding's LlamaException is not public
            loadFailure = new ProviderException(Kind.NOT_CONFIGURED, "The model file '"
                    + Path.of(settings.modelPath()).getFileName() + "' of connection '" + connection
                    + "' could not be loaded as a llama.cpp model.", e);
            throw loadFailure;
        }
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** How many times the model file was loaded (once at most). */
    int loads() {
        lock.lock();
        try {
            return loads;
        } finally {
            lock.unlock();
        }
    }

    /** Generations running now. */
    int activeGenerations() {
        lock.lock();
        try {
            return active;
        } finally {
            lock.unlock();
        }
    }

    /** The most generations that ran at once. */
    int peakActiveGenerations() {
        lock.lock();
        try {
            return peakActive;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops new generations, lets running ones stop at their next token (they cancel themselves), then stops the
     * model's generation loop. Idempotent.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_GRACE_SECONDS);
            while (active > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warning(() -> active + " local generations of connection '" + connection
                            + "' did not stop in time; closing the model under them");
                    break;
                }
                idle.awaitNanos(left);
            }
            if (model != null) {
                model.close();
                model = null;
                LOG.info(() -> "Closed local chat model " + id + " of connection '" + connection + "'");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }
}
