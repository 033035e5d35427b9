/**
 * The provider adapter for the OpenAI wire protocol (OpenAI and the servers that speak it: vLLM, Ollama's
 * {@code /v1}, LM Studio, ...). Requests and responses are translated by {@code io.aigw.codec.openai}.
 */
package io.aigw.jca.provider.openai;
