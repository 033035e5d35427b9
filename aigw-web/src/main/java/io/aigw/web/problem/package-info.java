/**
 * Maps every failure to the error format its client expects, once, at the edge: the OpenAI envelope under
 * {@code /v1}, RFC 9457 {@code application/problem+json} elsewhere. Never a stack trace or an exception message
 * that the gateway did not write for the client.
 */
package io.aigw.web.problem;
