/**
 * The Google Gemini API wire format ({@code models/{model}:generateContent}, {@code :streamGenerateContent?alt=sse},
 * {@code models.list} and the Google error envelope) towards Gemini upstreams: neutral requests are encoded as
 * {@code GenerateContentRequest}s, {@code GenerateContentResponse}s and their stream chunks decoded into neutral records.
 *
 * <p>Gemini gives function calls no ids and wants the function name in every function response: the decoders number
 * calls with gateway ids ({@link io.aigw.codec.gemini.GeminiToolCallIds}) unless Gemini sent one, and the encoder finds
 * a tool result's function name in the earlier assistant tool call with the same id. Gemini-only request fields travel
 * in the records' {@code extensions} under the prefix {@value io.aigw.codec.gemini.GeminiRequests#EXTENSION_PREFIX}.
 */
package io.aigw.codec.gemini;
