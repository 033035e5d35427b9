package io.aigw.policy.tracing;

import io.aigw.jca.api.ChatMessage;
import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.EmbeddingResponse;
import io.aigw.jca.api.UpstreamTraceContext;
import io.aigw.jca.api.Usage;
import io.aigw.policy.GatewayException;
import io.aigw.policy.audit.NodeIdentity;
import io.aigw.policy.auth.Caller;
import io.aigw.policy.chain.Exchange;
import io.aigw.policy.routing.ResolvedModel;
import io.aigw.policy.telemetry.GenAiNames;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Traces requests: {@link #begin} when a request enters (the caller's {@code traceparent} honoured, the trace id put in
 * the audit record's details), {@link #attempt}/{@link #attempted} around each upstream call (its own span id sent
 * upstream as {@code traceparent}), {@link #end} when its outcome is audited. Spans follow the OpenTelemetry GenAI
 * conventions: the request is a server span named {@code {operation} {requested model}}, each upstream call a client
 * span named {@code {operation} {provider model}} with {@code gen_ai.*} attributes.
 */
@ApplicationScoped
public class GatewayTracing {

    private static final JsonProvider JSON = JsonProvider.provider();
    /** The most characters of captured content per span attribute. */
    private static final int MAX_CONTENT = 16 * 1024;

    @Inject
    TracingSettings settings;

    @Inject
    NodeIdentity node;

    @Inject
    io.aigw.policy.telemetry.ConnectionProviders providers;

    private OtlpExporter exporter;
    private final long epochOffsetNanos = System.currentTimeMillis() * 1_000_000L - System.nanoTime();

    @PostConstruct
    void init() {
        settings.endpoint().ifPresent(uri -> {
            Map<String, String> resource = new LinkedHashMap<>();
            resource.put("service.name", settings.serviceName());
            resource.put("service.instance.id", node.id());
            exporter = new OtlpExporter(uri, settings.headers(), resource, settings.exportInterval(),
                    settings.queueSize());
        });
    }

    @PreDestroy
    void stop() {
        if (exporter != null) {
            exporter.stop();
        }
    }

    /** Spans sent to the collector so far. */
    public long exported() {
        return exporter == null ? 0 : exporter.exported();
    }

    /** Spans dropped so far (queue full or export failed). */
    public long dropped() {
        return exporter == null ? 0 : exporter.dropped();
    }

    /** Whether spans are exported at all. */
    public boolean exporting() {
        return exporter != null;
    }

    /** A request enters: its trace, and its id in the audit record. */
    public void begin(Exchange ex) {
        TraceParent parent = TraceParent.parse(ex.call().traceParent());
        // a new trace is sampled only if it is exported: an upstream must not record spans under a parent nobody has
        boolean sampled = parent != null ? parent.sampled()
                : exporter != null && ThreadLocalRandom.current().nextDouble() < settings.sampleRatio();
        String traceId = parent != null ? parent.traceId() : TraceParent.newTraceId();
        String spanId = TraceParent.newSpanId();
        String traceState = parent == null ? null : blankToNull(ex.call().traceState());
        SpanRecord span = exporter != null && sampled ? new SpanRecord(traceId, spanId,
                parent == null ? null : parent.spanId(), traceState, "aigw " + ex.operation().auditName(),
                SpanRecord.SERVER, now()) : null;
        ex.trace(new RequestTrace(traceId, spanId, sampled, traceState, span));
        ex.detail("trace", JSON.createObjectBuilder().add("trace_id", traceId).add("span_id", spanId).build());
    }

    /** An upstream call is about to be made on this thread: its span, and its context for the provider. */
    public SpanRecord attempt(Exchange ex, ResolvedModel target, Object request) {
        RequestTrace t = ex.trace();
        if (t == null) {
            return null;
        }
        String spanId = TraceParent.newSpanId();
        UpstreamTraceContext.set(t.childHeader(spanId), t.traceState());
        if (t.span() == null) {
            return null;
        }
        String op = GenAiNames.operation(ex.operation());
        SpanRecord s = new SpanRecord(t.traceId(), spanId, t.spanId(), t.traceState(),
                (op == null ? ex.operation().auditName() : op) + " " + target.providerModel(), SpanRecord.CLIENT,
                now());
        s.attribute("gen_ai.operation.name", op).attribute("gen_ai.provider.name", providers.of(target.connection()))
                .attribute("gen_ai.request.model", target.providerModel())
                .attribute("aigw.connection", target.connection());
        if (request instanceof ChatRequest chat) {
            s.attribute("gen_ai.request.max_tokens", chat.options() == null ? null : maxTokens(chat));
            if (settings.captureContent()) {
                s.attribute("gen_ai.input.messages", messages(chat.messages()));
            }
        }
        return s;
    }

    /** The upstream call ended (answered, or failed with {@code failure}). */
    public void attempted(SpanRecord s, Object result, GatewayException failure, String errorType) {
        UpstreamTraceContext.clear();
        if (s == null) {
            return;
        }
        if (result instanceof ChatResponse r) {
            s.attribute("gen_ai.response.model", r.model()).attribute("gen_ai.response.id", r.id());
            usage(s, r.usage());
            s.attribute("gen_ai.response.finish_reasons", r.choices().stream()
                    .map(c -> c.finishReason() == null ? "" : c.finishReason().name().toLowerCase(Locale.ROOT))
                    .toList());
            if (settings.captureContent()) {
                s.attribute("gen_ai.output.messages", messages(r.choices().stream().map(c -> c.message()).toList()));
            }
        } else if (result instanceof EmbeddingResponse e) {
            s.attribute("gen_ai.response.model", e.model());
            usage(s, e.usage());
        } else if (result instanceof io.aigw.jca.api.StreamOutcome o) {
            usage(s, o.usage());
            if (o.finishReason() != null) {
                s.attribute("gen_ai.response.finish_reasons", List.of(o.finishReason().name().toLowerCase(Locale.ROOT)));
            }
        }
        if (errorType != null) {
            s.attribute("error.type", errorType).error(failure == null ? errorType : failure.getMessage());
        }
        finish(s);
    }

    /** The request's outcome was audited: its span is finished with what the request came to. */
    public void end(Exchange ex) {
        RequestTrace t = ex.trace();
        if (t == null || t.span() == null) {
            return;
        }
        SpanRecord s = t.span();
        String op = GenAiNames.operation(ex.operation());
        if (op != null) {
            s.name(op + (ex.requestedModel() == null ? "" : " " + ex.requestedModel()));
            s.attribute("gen_ai.operation.name", op).attribute("gen_ai.request.model", ex.requestedModel())
                    .attribute("gen_ai.response.model", ex.resolvedModel());
            usage(s, ex.usage());
            if (ex.finishReason() != null) {
                s.attribute("gen_ai.response.finish_reasons",
                        List.of(ex.finishReason().name().toLowerCase(Locale.ROOT)));
            }
            if (ex.stream() && ex.firstChunkNanos() != null) {
                s.attribute("aigw.time_to_first_chunk", (ex.firstChunkNanos() - ex.startNanos()) / 1e9);
            }
        }
        s.attribute("http.response.status_code", (long) ex.status()).attribute("aigw.request_id", ex.id())
                .attribute("aigw.connection", ex.connection());
        Caller c = ex.caller();
        if (c != null) {
            s.attribute("aigw.tenant", c.tenant()).attribute("aigw.key_id", c.keyId());
        }
        if (ex.call().application() != null) {
            s.attribute("aigw.application", ex.call().application());
        }
        s.attribute("aigw.route", ex.route());
        if (ex.notes().get("cache") instanceof JsonObject cache) {
            s.attribute("aigw.cache", cache.getString("status", null));
        }
        if (ex.problem() != null) {
            s.attribute("error.type", ex.problem().slug());
            if (ex.status() >= 500) {
                s.error(ex.problem().slug());
            }
        }
        finish(s);
    }

    private void finish(SpanRecord s) {
        s.end(now());
        exporter.offer(s);
    }

    private long now() {
        return epochOffsetNanos + System.nanoTime();
    }

    private static void usage(SpanRecord s, Usage u) {
        if (u != null && u != Usage.NONE) {
            s.attribute("gen_ai.usage.input_tokens", (long) u.inputTokens())
                    .attribute("gen_ai.usage.output_tokens", (long) u.outputTokens());
        }
    }

    private static Long maxTokens(ChatRequest chat) {
        Integer m = chat.options().maxTokens();
        return m == null ? null : m.longValue();
    }

    /** Messages as the conventions' JSON ({@code [{"role", "parts": [{"type": "text", "content"}]}]}), bounded. */
    private static String messages(List<ChatMessage> messages) {
        JsonArrayBuilder out = JSON.createArrayBuilder();
        for (ChatMessage m : messages) {
            if (m == null) {
                continue;
            }
            out.add(JSON.createObjectBuilder().add("role", m.role().name().toLowerCase(Locale.ROOT))
                    .add("parts", JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("type", "text")
                            .add("content", m.text() == null ? "" : m.text()))));
        }
        String json = out.build().toString();
        return json.length() <= MAX_CONTENT ? json : json.substring(0, MAX_CONTENT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
