package io.aigw.policy.cache;

import io.aigw.jca.api.ChatRequest;
import io.aigw.jca.api.ChatResponse;
import io.aigw.jca.api.FinishReason;
import io.aigw.jca.api.Usage;
import io.aigw.policy.GatewayException;
import io.aigw.policy.chain.Exchange;
import io.aigw.policy.chain.Operation;
import io.aigw.policy.chain.PolicyChain;
import io.aigw.policy.chain.PolicyStep;
import io.aigw.policy.config.GatewayClock;
import io.aigw.policy.quota.SpecFields;
import io.aigw.policy.route.CacheSpec;
import io.aigw.policy.route.Route;
import io.aigw.policy.routing.Router;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.Optional;

/**
 * Answers a chat request of a caching route from the cache when the same tenant asked the same thing before (within
 * the route's {@code ttl}, under the same route version) or, for a semantic cache, a question close enough (cosine
 * similarity of the local embedding model's vectors at least the route's {@code similarity}, everything else of the
 * request the same), and keeps the answer of a miss. The caller may send
 * {@code x-aigw-cache: bypass} (neither read nor kept) or {@code refresh} (not read, kept). Runs after the limits and
 * budgets (a hit is a request, which costs no tokens) and before routing.
 */
@ApplicationScoped
@Priority(CacheStep.PRIORITY)
public class CacheStep implements PolicyStep {

    public static final int PRIORITY = 800;
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    Router router;

    @Inject
    ResponseCache cache;

    @Inject
    GatewayClock clock;

    @Inject
    SemanticIndex semantic;

    @Inject
    QuestionEmbedder embedder;

    @Override
    public boolean appliesTo(Exchange exchange) {
        return exchange.caller() != null && exchange.operation() == Operation.CHAT
                && caching(exchange).isPresent();
    }

    private Optional<Route> caching(Exchange exchange) {
        return router.routeOf(exchange.requestedModel()).filter(r -> r.spec().cache().enabled());
    }

    @Override
    public void apply(Exchange exchange, PolicyChain chain) {
        Route route = caching(exchange).orElseThrow();
        CacheSpec spec = route.spec().cache();
        String directive = exchange.call().cacheDirective();
        if (directive != null && !directive.equals("bypass") && !directive.equals("refresh")) {
            throw SpecFields.invalid("x-aigw-cache", "The header 'x-aigw-cache' may be \"bypass\" or \"refresh\".");
        }
        var headers = exchange.call().responseHeaders();
        headers.route(route.name());
        if ("bypass".equals(directive)) {
            headers.cache("bypass");
            exchange.detail("cache", JSON.createObjectBuilder().add("status", "bypass").build());
            chain.proceed(exchange);
            return;
        }
        ChatRequest request = (ChatRequest) exchange.decode();
        String tenant = exchange.caller().tenant();
        String routeVersion = route.name() + "@" + route.version();
        String key = CacheKey.of(tenant, exchange.call().path(), routeVersion, request);
        SemanticQuestion question = spec.semantic()
                ? SemanticQuestion.of(tenant, exchange.call().path(), routeVersion, request) : null;
        float[] vector = null;
        JsonObjectBuilder semanticDetail = null;
        long now = clock.nanos();
        if (directive == null) {
            CachedAnswer hit = cache.get(key, tenant, now);
            if (hit != null) {
                answer(exchange, hit, status("hit", key).add("match", "exact"));
                chain.proceed(exchange);
                return;
            }
            if (question != null) {
                semanticDetail = JSON.createObjectBuilder();
                vector = embed(question, semanticDetail);
                SemanticIndex.Match match = vector == null ? null : semantic.closest(question.partition(), vector);
                if (match != null) {
                    semanticDetail.add("closest", Math.round(match.similarity() * 10_000) / 10_000.0);
                    CachedAnswer near = match.similarity() >= spec.similarity()
                            ? cache.get(match.exactKey(), tenant, now) : null;
                    if (near != null) {
                        answer(exchange, near, status("hit", match.exactKey()).add("match", "semantic")
                                .add("similarity", Math.round(match.similarity() * 10_000) / 10_000.0));
                        chain.proceed(exchange);
                        return;
                    }
                }
            }
        } else if (question != null && directive.equals("refresh")) {
            semanticDetail = JSON.createObjectBuilder();
            vector = embed(question, semanticDetail);
        }
        String status = directive == null ? "miss" : "refresh";
        headers.cache(status);
        exchange.keepAnswer();
        boolean kept = false;
        try {
            chain.proceed(exchange);
            ChatResponse answer = exchange.answer();
            if (exchange.status() == 200 && answer != null && cacheable(answer)) {
                kept = cache.put(key, new CachedAnswer(tenant, answer, exchange.resolvedModel(),
                        clock.nanos() + spec.ttl().toNanos(), ResponseCache.sizeOf(answer)));
                if (kept && vector != null) {
                    semantic.add(question.partition(), vector, key);
                }
            }
        } finally {
            JsonObjectBuilder d = status(status, key).add("stored", kept);
            if (semanticDetail != null) {
                d.add("semantic", semanticDetail);
            }
            exchange.detail("cache", d.build());
        }
    }

    /** Answers from a cached entry (the terminal replays it); the details say what it saved. */
    private static void answer(Exchange exchange, CachedAnswer hit, JsonObjectBuilder detail) {
        var headers = exchange.call().responseHeaders();
        headers.cache("hit");
        headers.servedBy(hit.servedBy());
        exchange.answerFromCache(hit.answer());
        exchange.resolvedModel(hit.servedBy());
        Usage saved = hit.answer().usage();
        exchange.detail("cache", detail.add("saved_input_tokens", saved == null ? 0 : saved.inputTokens())
                .add("saved_output_tokens", saved == null ? 0 : saved.outputTokens()).build());
    }

    /** The question's vector, or {@code null} when the embedding model cannot answer (the request goes on). */
    private float[] embed(SemanticQuestion question, JsonObjectBuilder detail) {
        try {
            return embedder.embed(question.text());
        } catch (GatewayException e) {
            detail.add("unavailable", e.problem().code() == null ? "error" : e.problem().code());
            return null;
        }
    }

    /** Answers cut short or filtered are not served again. */
    private static boolean cacheable(ChatResponse answer) {
        return !answer.choices().isEmpty() && answer.choices().stream().allMatch(c -> c.finishReason() != null
                && c.finishReason() != FinishReason.CONTENT_FILTER && c.finishReason() != FinishReason.ERROR);
    }

    private static JsonObjectBuilder status(String status, String key) {
        return JSON.createObjectBuilder().add("status", status).add("key", key.substring(0, 16));
    }
}
