/**
 * The governed way in for other applications on the same server. The aigw gateway application registers an
 * {@link io.aigw.jca.api.gateway.AiGateway} in {@link io.aigw.jca.api.gateway.AiGateways} when it starts; the CDI
 * clients of the user feature and the connection handles the resource adapter gives applications other than the
 * gateway call it, so that every call passes the gateway's policy chain (application grant, model allow-list, limits,
 * budgets, guardrails, routing) and gets its audit record. Policy refusals are the typed
 * {@link io.aigw.jca.api.gateway.GatewayRefusedException}s of this package.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.aigw.jca.api.gateway;
