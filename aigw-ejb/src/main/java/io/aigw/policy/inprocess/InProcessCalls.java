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
import io.aigw.jca.api.gateway.GatewayRefusedException;
import io.aigw.policy.CallContext;
import io.aigw.policy.GatewayException;
import io.aigw.policy.GatewayService;
import io.aigw.policy.ModelListing;
import io.aigw.policy.RequestIds;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.security.Principal;
import java.util.List;

/**
 * The gateway's entry for in-process calls: an EJB, so that a call from another application's thread runs in this
 * application's context (its JNDI names, class loader and persistence unit) with the caller's security identity.
 * Runs outside the caller's transaction, so that its audit record stays whatever the caller's transaction does.
 * Refusals leave as the typed exceptions of {@code io.aigw.jca.api.gateway}, never as EJB system exceptions.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InProcessCalls {

    static final String CHAT_PATH = "/v1/chat/completions";
    static final String EMBEDDINGS_PATH = "/v1/embeddings";
    static final String MODELS_PATH = "/v1/models";

    @EJB
    GatewayService gateway;

    @Resource
    SessionContext context;

    public ChatResponse chat(String application, ChatRequest request) throws ProviderException {
        try {
            return gateway.chat(call(CHAT_PATH, application), () -> checked(request).withStream(false), null);
        } catch (GatewayException e) {
            throw Refusals.of(e);
        }
    }

    public StreamOutcome streamChat(String application, ChatRequest request, ChatStreamListener listener)
            throws ProviderException, StreamAbortedException {
        java.util.Objects.requireNonNull(listener, "listener");
        InProcessStreamSink sink = new InProcessStreamSink(listener);
        try {
            gateway.chat(call(CHAT_PATH, application), () -> checked(request).withStream(true), sink);
        } catch (GatewayException e) {
            throw Refusals.of(e);
        }
        if (sink.stopped() != null) {
            throw sink.stopped();
        }
        if (sink.failure() != null) {
            throw Refusals.of(sink.failure());
        }
        if (sink.outcome() == null) {
            throw new GatewayRefusedException(ProviderException.Kind.UPSTREAM_ERROR, "stream_incomplete", 502,
                    "The stream ended without an outcome.", null);
        }
        return sink.outcome();
    }

    public EmbeddingResponse embed(String application, EmbeddingRequest request) throws ProviderException {
        try {
            return gateway.embeddings(call(EMBEDDINGS_PATH, application), () -> {
                if (request.inputs().isEmpty()) {
                    throw invalid("An embedding request needs at least one input.", "input");
                }
                return request;
            });
        } catch (GatewayException e) {
            throw Refusals.of(e);
        }
    }

    public List<ModelInfo> models(String application) throws ProviderException {
        return listing(application).models().stream().map(InProcessCalls::withGatewayId).toList();
    }

    public List<ConnectionStatus> connections(String application) throws ProviderException {
        return listing(application).connections();
    }

    private ModelListing listing(String application) throws ProviderException {
        try {
            return gateway.models(call(MODELS_PATH, application));
        } catch (GatewayException e) {
            throw Refusals.of(e);
        }
    }

    /** The model as the caller names it: its gateway id (route name or {@code <connection>/<model>}). */
    private static ModelInfo withGatewayId(ModelListing.Entry entry) {
        ModelInfo m = entry.model();
        return new ModelInfo(entry.id(), m.ownedBy(), m.created(), m.capabilities());
    }

    private CallContext call(String path, String application) {
        return CallContext.inProcess(RequestIds.next(), path, application, principal());
    }

    /** The caller's authenticated principal, or {@code null} when it is unauthenticated. */
    private String principal() {
        Principal p;
        try {
            p = context.getCallerPrincipal();
        } catch (IllegalStateException e) {
            return null;
        }
        if (p == null || p.getName() == null || p.getName().isBlank()
                || "UNAUTHENTICATED".equals(p.getName()) || "ANONYMOUS".equalsIgnoreCase(p.getName())) {
            return null;
        }
        return p.getName();
    }

    /**
     * The request as the chain decodes it: what the HTTP codecs refuse is refused here too, inside the chain, so that
     * the refusal is audited like any other.
     */
    private static ChatRequest checked(ChatRequest request) {
        if (request.messages().isEmpty()) {
            throw invalid("A chat request needs at least one message.", "messages");
        }
        if (request.model().isBlank()) {
            throw invalid("A chat request needs a model: a route name or <connection>/<model>.", "model");
        }
        return request;
    }

    private static GatewayException invalid(String message, String param) {
        return new GatewayException(io.aigw.policy.Problem.INVALID_REQUEST, message, param, null, null);
    }
}
