/**
 * The Amazon Bedrock Converse wire format ({@code POST /model/{modelId}/converse} and {@code /converse-stream}):
 * request bodies from neutral requests, neutral responses and stream chunks from Converse JSON, and Bedrock's error
 * bodies. Converse has no response ids, model echo or {@code n}; images travel as base64 bytes, which the caller
 * supplies as {@link io.aigw.codec.bedrock.ConverseImage}s (the codec never fetches anything). Bedrock-only request
 * fields travel in the request's {@code extensions} under the prefix
 * {@value io.aigw.codec.bedrock.BedrockRequests#EXTENSION_PREFIX} (e.g. {@code bedrock.guardrailConfig},
 * {@code bedrock.additionalModelRequestFields}) and reach Bedrock upstreams only. The binary
 * {@code application/vnd.amazon.eventstream} framing of the stream is the provider adapter's concern; this package
 * sees each event's type and JSON payload.
 */
package io.aigw.codec.bedrock;
