/**
 * Distributed tracing: the W3C Trace Context a client sends is honoured and passed to the upstream; each request is
 * a server span and each upstream attempt a client span with the OpenTelemetry GenAI attributes, exported over
 * OTLP/HTTP (protobuf) to the collector {@code aigw.tracing.otlp-endpoint} names, in batches, from a bounded queue.
 * The trace id is in every audit record ({@code details.trace}). Prompts and answers are never in a span unless
 * {@code aigw.tracing.capture-content} is on.
 */
package io.aigw.policy.tracing;
