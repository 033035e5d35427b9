/**
 * Guardrails: named sets of input and output rules (PII redaction, blocking or keeping on local models, deny
 * patterns, prompt-injection detection, input size), attached to tenants, keys and routes, applied by one policy step
 * before the cache and routing, and to answers and streams as they leave.
 */
package io.aigw.policy.guardrail;
