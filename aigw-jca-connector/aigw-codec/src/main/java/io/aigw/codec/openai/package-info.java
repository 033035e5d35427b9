/**
 * The OpenAI wire format (Chat Completions, Embeddings, Models, error envelope) in both directions: requests decoded
 * at the client edge and encoded for OpenAI-compatible upstreams, responses and stream chunks decoded from upstreams
 * and encoded for clients. Fields the records do not model travel in their {@code extensions}.
 */
package io.aigw.codec.openai;
