/**
 * Calls from other applications on the same server: the {@link io.aigw.jca.api.gateway.AiGateway} this application
 * registers for the user feature's CDI clients and the resource adapter's governed connection handles, and the
 * application grants that say what each calling application may do. An in-process call enters the same policy
 * chain as an HTTP request; the calling application and its caller's principal are in its audit record.
 */
package io.aigw.policy.inprocess;
