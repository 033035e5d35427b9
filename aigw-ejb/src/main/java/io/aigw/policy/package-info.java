/**
 * The gateway's policy engine. {@link io.aigw.policy.GatewayService} is the facade every request enters, from the
 * HTTP edge or from another application; it runs the ordered policy chain around the provider call.
 */
package io.aigw.policy;
