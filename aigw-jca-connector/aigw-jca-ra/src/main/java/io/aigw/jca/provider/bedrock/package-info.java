/**
 * The provider adapter for Amazon Bedrock's Converse API ({@code POST /model/{modelId}/converse} and
 * {@code /converse-stream} on {@code https://bedrock-runtime.{region}.amazonaws.com}). Requests are signed with AWS
 * Signature Version 4 ({@link io.aigw.jca.provider.bedrock.SigV4Signer}, service {@code bedrock}) from the
 * connection's authData (user = access key id, password = secret access key, or {@code <secret>:<session token>} for
 * temporary credentials), or carry a Bedrock API key as {@code Authorization: Bearer} when the authData user is
 * {@value io.aigw.jca.provider.bedrock.BedrockAuthorization#API_KEY_USER}. Streams arrive in the binary
 * {@code application/vnd.amazon.eventstream} framing, decoded frame by frame with both CRCs checked
 * ({@link io.aigw.jca.provider.bedrock.EventStreamDecoder}); JSON is translated by {@code io.aigw.codec.bedrock}.
 */
package io.aigw.jca.provider.bedrock;
