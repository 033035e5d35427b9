/**
 * LangChain4j models backed by the aigw gateway: {@link io.aigw.langchain4j.GovernedChatModel},
 * {@link io.aigw.langchain4j.GovernedStreamingChatModel} and {@link io.aigw.langchain4j.GovernedEmbeddingModel} wrap a
 * governed {@link io.aigw.cdi.AiClient}, so that LangChain4j code (AiServices, RAG pipelines, agents) passes the
 * gateway's policy chain and audit instead of calling a provider itself. Gateway refusals surface as
 * {@link io.aigw.langchain4j.GatewayCallException}, which keeps the typed refusal of {@link io.aigw.jca.api.gateway}
 * as its cause. Needs LangChain4j 1.13 or later, which the application brings.
 */
package io.aigw.langchain4j;
