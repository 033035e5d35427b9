/**
 * What the gateway tells monitoring systems: Prometheus metrics with the OpenTelemetry GenAI semantic conventions
 * ({@code gen_ai_client_token_usage}, {@code gen_ai_client_operation_duration_seconds},
 * {@code gen_ai_server_request_duration_seconds}, {@code gen_ai_server_time_to_first_token_seconds}) and aigw's own
 * (requests, upstream attempts, fallbacks, breakers, pools, refusals, cache, guardrails, budgets, audit commits).
 * Recording is lock-free ({@link java.util.concurrent.atomic.LongAdder} per series) and bounded: each family keeps at
 * most {@code aigw.metrics.max-series} label sets, the rest fold into one {@code _other} series.
 */
package io.aigw.policy.telemetry;
