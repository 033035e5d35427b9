/**
 * The Anthropic-compatible surface: {@code POST /v1/messages} (JSON or its SSE event sequence), reaching every
 * provider. Errors use Anthropic's error envelope.
 */
package io.aigw.web.anthropic;
