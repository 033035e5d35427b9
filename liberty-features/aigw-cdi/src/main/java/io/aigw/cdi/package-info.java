/**
 * AI for CDI applications on a server with the aigw user feature: inject {@code @AiModel("<route or model>") AiClient}
 * and every call passes the gateway's policy chain and audit (see {@link io.aigw.jca.api.gateway}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.aigw.cdi;
