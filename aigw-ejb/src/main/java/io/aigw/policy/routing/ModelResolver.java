package io.aigw.policy.routing;

import io.aigw.policy.GatewayException;
import io.aigw.policy.Problem;
import io.aigw.policy.config.GatewaySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Resolves a requested model id: {@code <connection>/<model>} reaches that connection when the prefix names a
 * configured one; otherwise the whole id is a model id (provider ids such as {@code meta-llama/Llama-3.1-8B} contain
 * {@code /}) served by the first connection whose catalogue lists it, else by {@code aigw.routing.default-connection}.
 */
@ApplicationScoped
public class ModelResolver {

    @Inject
    ConnectionRegistry registry;

    @Inject
    ModelCatalog catalog;

    @Inject
    GatewaySettings settings;

    public ResolvedModel resolve(String requested) {
        if (requested == null || requested.isBlank()) {
            throw new GatewayException(Problem.INVALID_REQUEST, "Missing required parameter: 'model'.", "model", null,
                    null);
        }
        int slash = requested.indexOf('/');
        if (slash > 0 && slash < requested.length() - 1) {
            String prefix = requested.substring(0, slash);
            if (registry.factory(prefix).isPresent()) {
                return new ResolvedModel(prefix, requested.substring(slash + 1));
            }
        }
        return catalog.connectionServing(requested)
                .or(() -> registry.factory(settings.defaultConnection()).map(f -> settings.defaultConnection()))
                .map(connection -> new ResolvedModel(connection, requested))
                .orElseThrow(() -> new GatewayException(Problem.UNKNOWN_MODEL, "The model '" + requested
                        + "' does not exist or no connection of this gateway serves it.", "model", null, null));
    }
}
