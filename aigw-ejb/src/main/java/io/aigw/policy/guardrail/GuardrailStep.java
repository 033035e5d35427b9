package io.aigw.policy.guardrail;

import io.aigw.jca.api.AiConnectionFactory;
import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.ResponseHeaders;
import io.aigw.policy.chain.Exchange;
import io.aigw.policy.chain.Operation;
import io.aigw.policy.chain.PolicyChain;
import io.aigw.policy.chain.PolicyStep;
import io.aigw.policy.config.GatewaySettings;
import io.aigw.policy.route.Route;
import io.aigw.policy.routing.ConnectionRegistry;
import io.aigw.policy.routing.ModelResolver;
import io.aigw.policy.routing.Router;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.List;
import java.util.Optional;

/**
 * Applies the guardrail sets of the request's tenant, key and route (or {@code aigw.guardrails.default}): input rules
 * before the cache and routing (a cached answer was produced under the same input rules; {@code route_local} narrows
 * the route's targets to connections marked local), output rules on the answer and on the stream as it flows, for
 * cached answers too. Every decision goes into the audit record's {@code details.guardrails} and, as counts,
 * {@code x-aigw-guardrails}; matched text never does.
 */
@ApplicationScoped
@Priority(GuardrailStep.PRIORITY)
public class GuardrailStep implements PolicyStep {

    public static final int PRIORITY = 700;
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    GuardrailSets sets;

    @Inject
    Router router;

    @Inject
    InjectionGuard injection;

    @Inject
    ModelResolver resolver;

    @Inject
    ConnectionRegistry connections;

    @Inject
    GatewaySettings settings;

    @Override
    public boolean appliesTo(Exchange exchange) {
        return exchange.caller() != null
                && (exchange.operation() == Operation.CHAT || exchange.operation() == Operation.EMBEDDINGS);
    }

    @Override
    public void apply(Exchange exchange, PolicyChain chain) {
        exchange.decode();
        Optional<Route> route = router.routeOf(exchange.requestedModel());
        List<GuardrailSet> applicable = sets.applicable(exchange.caller(), route);
        if (applicable.isEmpty()) {
            chain.proceed(exchange);
            return;
        }
        ResponseHeaders headers = exchange.call().responseHeaders();
        Decisions decisions = new Decisions();
        Placeholders placeholders = new Placeholders();
        OutputGuard output = null;
        try {
            InputCheck input = new InputCheck(applicable, placeholders, decisions, injection::score);
            try {
                Object rewritten = input.run(exchange.decode());
                if (rewritten != exchange.decode()) {
                    exchange.rewrite(rewritten);
                }
                if (input.localOnly()) {
                    keepLocal(exchange, route, input.localBy());
                }
            } finally {
                decisions.headerItems("input").forEach(headers::guardrail);
            }
            if (exchange.operation() == Operation.CHAT) {
                output = new OutputGuard(applicable, placeholders, !placeholders.isEmpty(),
                        decisions, headers, settings.guardrailsStreamHoldMaxChars());
                if (output.needed()) {
                    exchange.answerGuard(output);
                }
            }
            chain.proceed(exchange);
        } finally {
            record(exchange, decisions, output);
        }
    }

    /** Only connections marked local may serve: route targets are gated, a plain model is checked now. */
    private void keepLocal(Exchange exchange, Optional<Route> route, Decisions.RuleRef by) {
        String why = "The request contains data that the guardrail set '" + by.set() + "' (input rule " + by.index()
                + ", " + by.type() + ") keeps on local models";
        if (route.isPresent()) {
            String name = route.get().name();
            exchange.addCandidateGate((model, qualified) -> local(connectionOf(qualified)) ? null
                    : new GatewayException(Problem.GUARDRAIL_BLOCKED, why + ", and no target of the route '" + name
                    + "' that could serve it is local."));
            return;
        }
        String connection = resolver.resolve(exchange.requestedModel()).connection();
        if (!local(connection)) {
            throw new GatewayException(Problem.GUARDRAIL_BLOCKED, why + ", and the model '"
                    + exchange.requestedModel() + "' is served by the connection '" + connection
                    + "', which is not marked local (dataLocality).");
        }
    }

    private boolean local(String connection) {
        return connections.factory(connection).map(AiConnectionFactory::keepsDataLocal).orElse(false);
    }

    private static String connectionOf(String qualified) {
        int slash = qualified.indexOf('/');
        return slash < 0 ? qualified : qualified.substring(0, slash);
    }

    private static void record(Exchange exchange, Decisions decisions, OutputGuard output) {
        jakarta.json.JsonObject held = output == null ? null : output.holdStats();
        if (decisions.isEmpty() && held == null) {
            return;
        }
        JsonObjectBuilder d = JSON.createObjectBuilder().add("decisions", decisions.toJson());
        if (held != null) {
            d.add("stream", held);
        }
        exchange.detail("guardrails", d.build());
    }
}
