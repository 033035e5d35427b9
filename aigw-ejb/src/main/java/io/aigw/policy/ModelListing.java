package io.aigw.policy;

import io.aigw.jca.api.ConnectionStatus;
import io.aigw.jca.api.ModelInfo;
import java.util.List;

/**
 * What the gateway can serve: gateway-qualified models and each connection's status.
 *
 * @param models      the models, ids qualified as {@code <connection>/<model>}
 * @param connections every configured connection, available or not (with the reason)
 * @param breakers    the state of every target's circuit breaker ({@code closed}, {@code open}, {@code half_open}) by
 *                    {@code <connection>/<model>}
 */
public record ModelListing(List<Entry> models, List<ConnectionStatus> connections, java.util.Map<String, String> breakers) {

    /** The owner (and connection) routes are listed with. */
    public static final String ROUTE_OWNER = "aigw-route";

    /**
     * One servable model.
     *
     * @param id         {@code <connection>/<model>}
     * @param connection the connection that serves it
     * @param model      the provider's model info
     */
    public record Entry(String id, String connection, ModelInfo model) {
    }
}
