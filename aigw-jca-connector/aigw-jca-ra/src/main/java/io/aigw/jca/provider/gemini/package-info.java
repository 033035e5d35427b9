/**
 * The provider adapter for the Google Gemini API ({@code models/{model}:generateContent},
 * {@code :streamGenerateContent?alt=sse}, {@code models}; API key in {@code x-goog-api-key}); requests and responses
 * are translated by {@code io.aigw.codec.gemini}. The default base URL is
 * {@value io.aigw.jca.provider.gemini.GeminiProvider#DEFAULT_BASE_URL}.
 */
package io.aigw.jca.provider.gemini;
