package io.aigw.policy.inprocess;

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
import io.aigw.jca.api.gateway.AiGateway;
import io.aigw.jca.api.gateway.ApplicationNotGrantedException;
import io.aigw.jca.api.gateway.CallingApplication;
import io.aigw.jca.api.gateway.GatewayRefusedException;
import jakarta.ejb.EJBException;
import java.util.List;

/**
 * The {@link AiGateway} other applications reach through the user feature. It runs on the caller's thread: it reads
 * the calling application's name there (before the EJB call switches to this application's context), then enters
 * {@link InProcessCalls}.
 */
final class InProcessGateway implements AiGateway {

    private final InProcessCalls calls;

    InProcessGateway(InProcessCalls calls) {
        this.calls = calls;
    }

    @Override
    public ChatResponse chat(ChatRequest request) throws ProviderException {
        String app = application();
        try {
            return calls.chat(app, request);
        } catch (EJBException e) {
            throw unexpected(e);
        }
    }

    @Override
    public StreamOutcome streamChat(ChatRequest request, ChatStreamListener listener)
            throws ProviderException, StreamAbortedException {
        String app = application();
        try {
            return calls.streamChat(app, request, listener);
        } catch (EJBException e) {
            throw unexpected(e);
        }
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) throws ProviderException {
        String app = application();
        try {
            return calls.embed(app, request);
        } catch (EJBException e) {
            throw unexpected(e);
        }
    }

    @Override
    public List<ModelInfo> models() throws ProviderException {
        String app = application();
        try {
            return calls.models(app);
        } catch (EJBException e) {
            throw unexpected(e);
        }
    }

    @Override
    public List<ConnectionStatus> connections() throws ProviderException {
        String app = application();
        try {
            return calls.connections(app);
        } catch (EJBException e) {
            throw unexpected(e);
        }
    }

    private static String application() throws ApplicationNotGrantedException {
        return CallingApplication.name().orElseThrow(() -> new ApplicationNotGrantedException("application_unknown",
                "The calling application is unknown: call the gateway from a container-managed thread (a request, "
                        + "an EJB, a managed executor), not from a thread the application started itself.", null));
    }

    private static GatewayRefusedException unexpected(EJBException e) {
        java.util.logging.Logger.getLogger(InProcessGateway.class.getName()).log(java.util.logging.Level.WARNING,
                "an in-process call failed unexpectedly", e);
        return new GatewayRefusedException(ProviderException.Kind.UPSTREAM_ERROR, "internal_error", 500,
                "The gateway failed unexpectedly; its log has the details.", null);
    }
}
