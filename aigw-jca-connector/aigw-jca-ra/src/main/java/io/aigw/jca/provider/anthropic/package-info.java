/**
 * The provider adapter for Anthropic's Messages API ({@code /v1/messages}, {@code x-api-key},
 * {@code anthropic-version}); requests and responses are translated by {@code io.aigw.codec.anthropic}.
 */
package io.aigw.jca.provider.anthropic;
