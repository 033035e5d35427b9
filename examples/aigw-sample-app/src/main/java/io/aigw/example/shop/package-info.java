/**
 * "shop", a sample application deployed beside the aigw gateway: governed AI through CDI ({@code @AiModel}), the
 * connection factories ({@code @Resource}) and LangChain4j, from JAX-RS resources, transactions and managed
 * executors. Each endpoint answers JSON describing what it got, so that the integration tests can check it.
 */
package io.aigw.example.shop;
