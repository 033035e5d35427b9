/**
 * The OpenAI-compatible surface: {@code POST /v1/chat/completions} (JSON or SSE stream), {@code POST /v1/embeddings},
 * {@code GET /v1/models} and {@code GET /v1/models/{id}}. Errors use the OpenAI error envelope.
 */
package io.aigw.web.openai;
