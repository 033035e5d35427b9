package io.aigw.policy;

import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.EmbeddingRequest;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.StreamAbortedException;
import io.aigw.jca.api.StreamOutcome;
import io.aigw.policy.chain.Exchange;
import io.aigw.policy.chain.Operation;
import io.aigw.policy.chain.PolicyChain;
import io.aigw.policy.chain.PolicySteps;
import io.aigw.policy.routing.ModelCatalog;
import io.aigw.jca.api.ChatChunk;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.Usage;
import io.aigw.policy.cache.AnswerStream;
import io.aigw.policy.cache.StreamedAnswer;
import io.aigw.policy.config.GatewaySettings;
import io.aigw.policy.routing.ProviderCalls;
import io.aigw.policy.routing.Router;
import io.aigw.policy.routing.TargetBreakers;
import io.aigw.policy.routing.TargetCall;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * The facade every request enters. Each operation runs the policy chain (audit around everything, authentication,
 * decoding, authorization, ...) around its terminal action. Runs outside a container transaction: provider calls
 * and streams can outlast any transaction timeout; the audit write has its own transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class GatewayService {

    @Inject
    PolicySteps steps;

    @Inject
    Router router;

    @Inject
    TargetBreakers breakers;

    @Inject
    ProviderCalls calls;

    @Inject
    GatewaySettings settings;

    @Inject
    ModelCatalog catalog;

    /**
     * A chat completion. A streamed request is answered through the sink, and this returns {@code null}; otherwise
     * the response is returned, its audit row already committed.
     */
    public ChatResponse chat(CallContext call, RequestBody<ChatRequest> body, ChatStreamSink sink) {
        Exchange ex = new Exchange(Operation.CHAT, call, body);
        ChatResponse[] result = new ChatResponse[1];
        PolicyChain.run(steps.ordered(), ex, () -> {
            ChatRequest request = (ChatRequest) ex.decode();
            ex.stream(request.stream());
            if (ex.cachedAnswer() != null) {
                result[0] = fromCache(ex, request, sink);
            } else if (request.stream()) {
                stream(ex, request, sink);
            } else {
                ChatResponse response = route(ex, request, t -> calls.with(t.connection(),
                        c -> c.chat(request.withModel(t.providerModel()))), GatewayService::filtered);
                ex.usage(response.usage());
                ex.finishReason(response.choices().isEmpty() ? null : response.choices().get(0).finishReason());
                if (ex.keepsAnswer()) {
                    ex.answer(response);
                }
                result[0] = ex.answerGuard() == null ? response : ex.answerGuard().check(response);
            }
        });
        return result[0];
    }

    private void stream(Exchange ex, ChatRequest request, ChatStreamSink clientSink) {
        AnswerGuard.GuardedSink guarded = ex.answerGuard() == null ? null : ex.answerGuard().guard(clientSink);
        ChatStreamSink sink = guarded == null ? clientSink : guarded;
        ChatStreamRelay[] relay = new ChatStreamRelay[1];
        try {
            StreamOutcome outcome = router.run(ex, request, t -> {
                ChatRequest upstream = request.withModel(t.providerModel());
                relay[0] = new ChatStreamRelay(ex, sink, new StreamUsageTally(upstream),
                        ex.keepsAnswer() ? new StreamedAnswer(settings.cacheMaxBytes() / 32) : null);
                return calls.with(t.connection(), c -> c.streamChat(upstream, relay[0]));
            }, o -> false);
            ex.usage(outcome.usage());
            ex.finishReason(outcome.finishReason());
            clientSink.ended(outcome);
            if (guarded != null) {
                guarded.flush();
            }
            ex.answer(relay[0].assembled());
            ex.afterAudit(relay[0]::complete);
            ex.onAuditFailure(relay[0]::failed);
        } catch (StreamAbortedException e) {
            if (relay[0] != null && relay[0].refusal() != null) {
                throw relay[0].refusal();
            }
            ex.usage(relay[0] == null ? null : relay[0].usageSoFar());
            if (relay[0] == null) {
                ex.clientAborted();
            } else {
                relay[0].stopped();
            }
        } catch (java.io.IOException e) {
            ex.clientAborted();
        } catch (GatewayException e) {
            if (!ex.responseCommitted()) {
                throw e;
            }
            ex.usage(relay[0].usageSoFar());
            relay[0].failed(e);
        }
    }

    /**
     * Answers from the cache: as it is, or replayed as a stream. A hit used no tokens (its audit details say how
     * many it saved).
     */
    private ChatResponse fromCache(Exchange ex, ChatRequest request, ChatStreamSink sink) {
        ChatResponse cached = ex.cachedAnswer();
        ex.accept();
        ex.usage(Usage.NONE);
        ex.finishReason(cached.choices().isEmpty() ? null : cached.choices().get(0).finishReason());
        AnswerGuard guard = ex.answerGuard();
        if (!request.stream()) {
            return guard == null ? cached : guard.check(cached);
        }
        AnswerGuard.GuardedSink guarded = guard == null ? null : guard.guard(sink);
        ChatStreamRelay relay = new ChatStreamRelay(ex, guarded == null ? sink : guarded,
                new StreamUsageTally(request));
        try {
            relay.onOpen();
            int chunks = 0;
            for (ChatChunk chunk : AnswerStream.chunks(cached)) {
                relay.onChunk(chunk);
                chunks++;
            }
            sink.ended(new StreamOutcome(Usage.NONE,
                    cached.choices().isEmpty() ? null : cached.choices().get(0).finishReason(), chunks));
            if (guarded != null) {
                guarded.flush();
            }
            ex.afterAudit(relay::complete);
            ex.onAuditFailure(relay::failed);
        } catch (StreamAbortedException e) {
            if (relay.refusal() != null) {
                throw relay.refusal();
            }
            relay.stopped();
        } catch (java.io.IOException e) {
            ex.clientAborted();
        } catch (GatewayException e) {
            relay.failed(e);
        }
        return null;
    }

    /** Vectors for the inputs; the audit row is committed before this returns. */
    public EmbeddingResponse embeddings(CallContext call, RequestBody<EmbeddingRequest> body) {
        Exchange ex = new Exchange(Operation.EMBEDDINGS, call, body);
        EmbeddingResponse[] result = new EmbeddingResponse[1];
        PolicyChain.run(steps.ordered(), ex, () -> {
            EmbeddingRequest request = (EmbeddingRequest) ex.decode();
            ex.stream(false);
            EmbeddingResponse response = route(ex, request, t -> calls.with(t.connection(),
                    c -> c.embed(request.withModel(t.providerModel()))), r -> false);
            ex.usage(response.usage());
            result[0] = response;
        });
        return result[0];
    }

    /** Every servable model and every connection's status. */
    public ModelListing models(CallContext call) {
        Exchange ex = new Exchange(Operation.LIST_MODELS, call, null);
        ModelListing[] result = new ModelListing[1];
        PolicyChain.run(steps.ordered(), ex, () -> result[0] = listing(ex.caller()));
        return result[0];
    }

    /**
     * What the caller may use: routes, then models; anything outside its key's allow-list is not listed. Each
     * connection's status carries the circuit breakers of its models.
     */
    private ModelListing listing(io.aigw.policy.auth.Caller caller) {
        List<ModelListing.Entry> models = new ArrayList<>();
        router.routes().values().stream().filter(r -> caller.mayUse(r.name()))
                .sorted(java.util.Comparator.comparing(io.aigw.policy.route.Route::name))
                .forEach(r -> models.add(new ModelListing.Entry(r.name(), ModelListing.ROUTE_OWNER,
                        new io.aigw.jca.api.ModelInfo(r.name(), ModelListing.ROUTE_OWNER,
                                r.changedAt().getEpochSecond(), java.util.Set.of()))));
        List<io.aigw.jca.api.ConnectionStatus> statuses = new ArrayList<>();
        for (ModelCatalog.ConnectionModels cm : catalog.all()) {
            statuses.add(cm.status());
            String name = cm.status().connection();
            cm.models().stream().filter(m -> caller.mayUse(name + "/" + m.id()) || caller.mayUse(m.id()))
                    .forEach(m -> models.add(new ModelListing.Entry(name + "/" + m.id(), name, m)));
        }
        return new ModelListing(models, statuses, breakers.states());
    }

    /** One servable model by its gateway-qualified id; 404 {@code model_not_found} otherwise. */
    public ModelListing.Entry model(CallContext call, String id) {
        Exchange ex = new Exchange(Operation.LIST_MODELS, call, null);
        ex.requestedModel(id);
        List<ModelListing.Entry> found = new ArrayList<>(1);
        PolicyChain.run(steps.ordered(), ex, () -> found.add(listing(ex.caller()).models().stream()
                .filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new GatewayException(Problem.UNKNOWN_MODEL, "The model '" + id
                        + "' does not exist or no connection of this gateway serves it.", "model", null, null))));
        return found.get(0);
    }

    /**
     * Runs an administrative or compliance action inside the chain (audited, authenticated, role-checked). The
     * action gets the exchange, so that the changes it makes are audited with the request that made them.
     *
     * @param operation {@link Operation#ADMIN}, {@link Operation#COMPLIANCE} or {@link Operation#METRICS}
     */
    public <T> T manage(CallContext call, Operation operation, ManagementAction<T> action) {
        if (operation != Operation.ADMIN && operation != Operation.COMPLIANCE && operation != Operation.METRICS) {
            throw new IllegalArgumentException("not a management operation: " + operation);
        }
        Exchange ex = new Exchange(operation, call, null);
        List<T> result = new ArrayList<>(1);
        PolicyChain.run(steps.ordered(), ex, () -> {
            ex.accept();
            result.add(action.apply(ex));
        });
        return result.get(0);
    }

    /**
     * Refuses a request the edge could not route (unknown path, wrong method) through the chain, so that it is
     * authenticated and audited like every other request.
     */
    public void refuse(CallContext call, GatewayException reason) {
        PolicyChain.run(steps.ordered(), new Exchange(Operation.OTHER, call, null), () -> {
            throw reason;
        });
    }

    /** Runs a non-streamed request on the target(s) its model leads to. */
    private <T> T route(Exchange ex, Object request, TargetCall<T> call, java.util.function.Function<T, Boolean> filtered) {
        try {
            return router.run(ex, request, call, filtered);
        } catch (StreamAbortedException e) {
            throw new IllegalStateException("a non-streamed call cannot be aborted by a listener", e);
        }
    }

    /** Whether a provider's content filter withheld the answer (a route may fall back on it). */
    private static Boolean filtered(ChatResponse response) {
        return response.choices().stream().anyMatch(c -> c.finishReason() == FinishReason.CONTENT_FILTER);
    }
}
