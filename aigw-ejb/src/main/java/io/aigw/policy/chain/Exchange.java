package io.aigw.policy.chain;

import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.EmbeddingRequest;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.Usage;
import io.aigw.policy.CallContext;
import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.RequestBody;
import io.aigw.policy.auth.Caller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The state of one request as it travels the chain: who called, what was asked, where it went, how it ended. Each
 * step records what it learns; the audit step writes it down. Used by one thread.
 */
public final class Exchange {

    private final String id;
    private final Operation operation;
    private final CallContext call;
    private final Instant receivedAt = Instant.now();
    private final long startNanos = System.nanoTime();
    private final RequestBody<?> body;
    private final List<Runnable> afterAudit = new ArrayList<>(1);
    private java.util.function.Consumer<GatewayException> auditFailureHandler;
    private Runnable acceptHook;
    private Runnable answerHook;
    private boolean accepted;

    private Caller caller;
    private Object request;
    private String requestedModel;
    private String resolvedModel;
    private String connection;
    private boolean stream;
    private boolean responseCommitted;
    private int status = 200;
    private Problem problem;
    private String errorMessage;
    private Usage usage;
    private FinishReason finishReason;
    private Long firstChunkNanos;
    private String responseModel;
    private io.aigw.policy.tracing.RequestTrace trace;
    private java.util.Map<String, Object> notes;
    private String costCurrency;
    private long costNanos;
    private boolean unpriced;
    private String route;
    private List<CandidateGate> candidateGates;
    private io.aigw.jca.api.ChatResponse cachedAnswer;
    private boolean keepAnswer;
    private io.aigw.jca.api.ChatResponse answer;
    private io.aigw.policy.AnswerGuard answerGuard;

    public Exchange(Operation operation, CallContext call, RequestBody<?> body) {
        this.id = call.requestId() == null ? UUID.randomUUID().toString() : call.requestId();
        this.operation = operation;
        this.call = call;
        this.body = body;
    }

    /** Reads and decodes the body once, noting the model it addresses; later calls return the decoded request. */
    public Object decode() {
        if (request == null && body != null) {
            request = body.read();
            if (request instanceof ChatRequest chat) {
                requestedModel = chat.model();
                stream = chat.stream();
            } else if (request instanceof EmbeddingRequest embedding) {
                requestedModel = embedding.model();
            }
        }
        return request;
    }

    /**
     * Replaces the decoded request with a rewritten one (guardrails' redaction): every later step and the provider
     * see only the rewritten request.
     */
    public void rewrite(Object rewritten) {
        decode();
        this.request = rewritten;
    }

    /** Output guardrails for the answer, or {@code null} when none apply. */
    public io.aigw.policy.AnswerGuard answerGuard() {
        return answerGuard;
    }

    public void answerGuard(io.aigw.policy.AnswerGuard guard) {
        this.answerGuard = guard;
    }

    /** The request ends with this failure (status and problem recorded for the audit). */
    public void fail(GatewayException e) {
        this.problem = e.problem();
        this.status = e.problem().status();
        this.errorMessage = e.getMessage();
    }

    /** The client went away before the answer was complete. */
    public void clientAborted() {
        this.status = 499;
        this.errorMessage = "client closed the connection";
    }

    /** Registers what runs when the request is accepted for a provider (the audit's accepted event). */
    public void onAccept(Runnable hook) {
        acceptHook = hook;
    }

    /** Registers what runs before the first byte of a streamed answer leaves (the accepted event made durable). */
    public void onAnswer(Runnable hook) {
        answerHook = hook;
    }

    /** The request is about to reach a provider: runs the accept hook once. */
    public void accept() {
        if (!accepted) {
            accepted = true;
            if (acceptHook != null) {
                acceptHook.run();
            }
        }
    }

    /** Whether {@link #accept()} ran. */
    public boolean accepted() {
        return accepted;
    }

    /**
     * The first byte of the answer is about to leave: runs the answer hook, which may refuse with a
     * {@link GatewayException} (the response is not committed yet then).
     */
    public void beforeAnswer() {
        Runnable hook = answerHook;
        answerHook = null;
        if (hook != null) {
            hook.run();
        }
    }

    /** Registers an action that runs once the audit record is committed (e.g. the stream's end marker). */
    public void afterAudit(Runnable action) {
        afterAudit.add(action);
    }

    /** Registers what to do if the audit record cannot be committed after the response was committed. */
    public void onAuditFailure(java.util.function.Consumer<GatewayException> handler) {
        auditFailureHandler = handler;
    }

    /** The audit record could not be committed after the response was committed. */
    public void afterAuditFailed(GatewayException failure) {
        afterAudit.clear();
        if (auditFailureHandler != null) {
            auditFailureHandler.accept(failure);
        }
    }

    /** Runs and forgets the after-audit actions. */
    public void runAfterAudit() {
        List<Runnable> actions = new ArrayList<>(afterAudit);
        afterAudit.clear();
        actions.forEach(Runnable::run);
    }

    /** Elapsed milliseconds since the request was received. */
    public long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Elapsed nanoseconds since the request was received. */
    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /** When the request was received ({@link System#nanoTime()}). */
    public long startNanos() {
        return startNanos;
    }

    /** The request's place in its trace, once it entered. */
    public io.aigw.policy.tracing.RequestTrace trace() {
        return trace;
    }

    public void trace(io.aigw.policy.tracing.RequestTrace t) {
        trace = t;
    }

    /** The model the provider said answered, if it said. */
    public String responseModel() {
        return responseModel;
    }

    public void responseModel(String model) {
        responseModel = model;
    }

    /** Marks the arrival of the first streamed chunk (time to first token). */
    public void firstChunk() {
        if (firstChunkNanos == null) {
            firstChunkNanos = System.nanoTime();
        }
    }

    /** When the first streamed chunk arrived ({@link System#nanoTime()}), or {@code null}. */
    public Long firstChunkNanos() {
        return firstChunkNanos;
    }

    /** Milliseconds to the first streamed chunk, or {@code null}. */
    public Long firstChunkMillis() {
        return firstChunkNanos == null ? null : (firstChunkNanos - startNanos) / 1_000_000;
    }

    /**
     * Adds what the outcome's audit {@code details} should say about the request beyond its columns (for example the
     * query a compliance read ran: who read or exported what).
     */
    public void note(String name, String value) {
        if (notes == null) {
            notes = new java.util.LinkedHashMap<>();
        }
        notes.put(name, value);
    }

    /**
     * Adds a structured part of the outcome's audit {@code details} (for example the limit decisions, the cost and
     * the budgets charged), replacing an earlier one of the same name.
     */
    public void detail(String name, jakarta.json.JsonValue value) {
        if (notes == null) {
            notes = new java.util.LinkedHashMap<>();
        }
        notes.put(name, value);
    }

    /**
     * The notes and details for the outcome's details, in the order they were added (empty for most requests): a
     * {@code String} or a {@code jakarta.json.JsonValue} each.
     */
    public java.util.Map<String, Object> notes() {
        return notes == null ? java.util.Map.of() : notes;
    }

    /** What the request cost, in billionths of {@code currency} (the usage aggregates add it up). */
    public void cost(String currency, long nanos) {
        this.costCurrency = currency;
        this.costNanos = nanos;
    }

    /** The request used a model that has no price (reported as such, never as a zero cost). */
    public void unpriced() {
        this.unpriced = true;
    }

    /** Asks routing to check each target of a route with {@code gate} before trying it. */
    public void addCandidateGate(CandidateGate gate) {
        if (candidateGates == null) {
            candidateGates = new ArrayList<>(2);
        }
        candidateGates.add(gate);
    }

    /** The gates each route target must pass, in the order the steps registered them. */
    public List<CandidateGate> candidateGates() {
        return candidateGates == null ? List.of() : candidateGates;
    }

    /** The cache has the answer: the request is answered from it instead of a provider. */
    public void answerFromCache(io.aigw.jca.api.ChatResponse cached) {
        this.cachedAnswer = cached;
    }

    /** The cached answer to give, or {@code null}. */
    public io.aigw.jca.api.ChatResponse cachedAnswer() {
        return cachedAnswer;
    }

    /** The cache wants the answer once it is complete (a streamed one is assembled as it is relayed). */
    public void keepAnswer() {
        this.keepAnswer = true;
    }

    public boolean keepsAnswer() {
        return keepAnswer;
    }

    /** The complete answer, when {@link #keepAnswer()} asked for it. */
    public void answer(io.aigw.jca.api.ChatResponse complete) {
        this.answer = complete;
    }

    public io.aigw.jca.api.ChatResponse answer() {
        return answer;
    }

    public String costCurrency() { return costCurrency; }
    public long costNanos() { return costNanos; }
    public boolean isUnpriced() { return unpriced; }
    public String id() { return id; }
    public Operation operation() { return operation; }
    public CallContext call() { return call; }
    public Instant receivedAt() { return receivedAt; }
    public Caller caller() { return caller; }
    public void caller(Caller c) { caller = c; }
    public String requestedModel() { return requestedModel; }
    public void requestedModel(String m) { requestedModel = m; }
    public String resolvedModel() { return resolvedModel; }
    public void resolvedModel(String m) { resolvedModel = m; }
    public String connection() { return connection; }
    public void connection(String c) { connection = c; }

    /** The route the client named as its model, or {@code null} when it named a model directly. */
    public String route() { return route; }

    /** The client named the route {@code name} as its model (for the audit and the usage aggregates). */
    public void route(String name) { route = name; }

    public boolean stream() { return stream; }
    public void stream(boolean s) { stream = s; }
    public boolean responseCommitted() { return responseCommitted; }
    public void responseCommitted(boolean c) { responseCommitted = c; }
    public int status() { return status; }
    public Problem problem() { return problem; }
    public String errorMessage() { return errorMessage; }
    public Usage usage() { return usage; }
    public void usage(Usage u) { usage = u; }
    public FinishReason finishReason() { return finishReason; }
    public void finishReason(FinishReason f) { finishReason = f; }
}
