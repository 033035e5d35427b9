/**
 * The AI connection API that applications and the gateway program against: {@link io.aigw.jca.api.AiConnectionFactory}
 * and {@link io.aigw.jca.api.AiConnection}, with neutral request and response records that no wire format owns.
 * Pure Java plus {@code jakarta.resource}: no JSON, no JAX-RS. Exported by the user feature {@code usr:aigwApi-1.0}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.aigw.jca.api;
