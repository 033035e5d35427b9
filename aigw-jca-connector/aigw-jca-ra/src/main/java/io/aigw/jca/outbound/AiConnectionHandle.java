package io.aigw.jca.outbound;

import io.aigw.jca.api.AiConnection;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.ChatStreamListener;
import io.aigw.jca.api.ConnectionStatus;
import io.aigw.jca.api.EmbeddingRequest;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.ModelInfo;
import io.aigw.jca.api.ProviderException;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.jca.api.StreamOutcome;
import java.util.List;

/**
 * The handle an application holds. Valid until closed by the application or invalidated by the container
 * ({@code cleanup}/{@code destroy} of its managed connection); every call checks that first.
 */
public final class AiConnectionHandle implements AiConnection {

    private volatile AiManagedConnection managed;
    private volatile boolean closed;

    AiConnectionHandle(AiManagedConnection managed) {
        this.managed = managed;
    }

    /** Moves the handle to another managed connection; returns the previous one. */
    AiManagedConnection associate(AiManagedConnection to) {
        AiManagedConnection previous = managed;
        managed = to;
        return previous;
    }

    void invalidate() {
        closed = true;
    }

    /** Whether the handle can still be used. */
    public boolean isValid() {
        return !closed;
    }

    private AiManagedConnection checkValidity() {
        AiManagedConnection mc = managed;
        if (closed || mc == null || mc.destroyed()) {
            throw new IllegalStateException("this aigw connection is closed");
        }
        return mc;
    }

    @Override
    public ChatResponse chat(ChatRequest request) throws ProviderException {
        AiManagedConnection mc = checkValidity();
        try {
            return mc.session().chat(request);
        } catch (ProviderException e) {
            mc.callFailed(this, e);
            throw e;
        }
    }

    @Override
    public StreamOutcome streamChat(ChatRequest request, ChatStreamListener listener)
            throws ProviderException, StreamAbortedException {
        AiManagedConnection mc = checkValidity();
        try {
            return mc.session().streamChat(request, listener);
        } catch (ProviderException e) {
            mc.callFailed(this, e);
            throw e;
        }
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) throws ProviderException {
        AiManagedConnection mc = checkValidity();
        try {
            return mc.session().embed(request);
        } catch (ProviderException e) {
            mc.callFailed(this, e);
            throw e;
        }
    }

    @Override
    public List<ModelInfo> listModels() throws ProviderException {
        AiManagedConnection mc = checkValidity();
        try {
            return mc.session().listModels();
        } catch (ProviderException e) {
            mc.callFailed(this, e);
            throw e;
        }
    }

    @Override
    public ConnectionStatus status() {
        return checkValidity().session().status();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        AiManagedConnection mc = managed;
        if (mc != null) {
            mc.handleClosed(this);
        }
    }
}
