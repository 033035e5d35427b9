/**
 * The Anthropic Messages wire format ({@code POST /v1/messages}, its SSE event sequence, its error envelope and model
 * list) in both directions. Anthropic-only request fields travel in the records' {@code extensions} under the prefix
 * {@value io.aigw.codec.anthropic.AnthropicRequests#EXTENSION_PREFIX}, so that they reach Anthropic upstreams only;
 * the neutral tool choice uses the OpenAI form ({@code "auto"}, {@code "required"}, {@code "none"}, or
 * {@code {"type":"function","function":{"name":...}}}).
 */
package io.aigw.codec.anthropic;
