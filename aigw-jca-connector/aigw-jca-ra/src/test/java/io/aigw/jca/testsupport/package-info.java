/**
 * Test support for the resource adapter's tests, published in its test-jar: fake provider servers over real HTTP
 * (OpenAI, Anthropic, Gemini, Bedrock with its SigV4 check and event-stream frames) and the random-weight GGUF model
 * writer the local-model tests and the integration tests load.
 */
package io.aigw.jca.testsupport;
