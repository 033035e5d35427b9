package io.aigw.policy.routing;

/**
 * Where a requested model goes.
 *
 * @param connection    the connection name
 * @param providerModel the model id as the provider knows it
 */
public record ResolvedModel(String connection, String providerModel) {

    /** The gateway-qualified id {@code <connection>/<model>}. */
    public String qualified() {
        return connection + "/" + providerModel;
    }
}
