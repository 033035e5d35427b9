/**
 * A faithful fake of the OpenAI HTTP API (chat completions, embeddings, models) that runs inside the
 * test JVM over real HTTP, so integration tests can point the gateway at it instead of api.openai.com.
 *
 * <p>{@link io.aigw.it.fake.FakeOpenAiServer} reproduces the wire format (JSON envelopes, headers,
 * server-sent-event framing, error bodies) and offers deterministic replies, token counts and
 * model-selected faults ({@code fault-429}, {@code fault-reset-midstream}, ...). It records every request it
 * receives, and {@link io.aigw.it.fake.StreamGate} lets a test hold a stream open to prove the gateway
 * forwards chunks without buffering. {@link io.aigw.it.fake.FakeAnthropicServer},
 * {@link io.aigw.it.fake.FakeGeminiServer} and {@link io.aigw.it.fake.FakeBedrockServer} do the same for the
 * Anthropic Messages API, the Google Gemini API and the Amazon Bedrock Converse API. Each validates a conversation's
 * tool calls and tool results as its real API does ({@link io.aigw.it.fake.OpenAiToolPairing},
 * {@link io.aigw.it.fake.AnthropicToolPairing}, {@link io.aigw.it.fake.GeminiToolPairing},
 * {@link io.aigw.it.fake.BedrockConversation}) and answers a request the real API rejects with that API's error. All
 * four extend
 * {@link io.aigw.it.fake.FakeServer}, which holds what they share (the thread pool and server bound to 127.0.0.1,
 * stop, the request log, the stream gates, the count of open streams, the {@link io.aigw.it.fake.ScriptedFaults} with
 * which a test makes one model fail or slow down at runtime and recover), and each has one
 * {@link io.aigw.it.fake.FakeRouter} that records every request, checks its credentials, routes it and maps
 * errors to the provider's replies. {@link io.aigw.it.fake.FakeUpstreams} starts one shared instance of each per
 * JUnit launcher session, before the Liberty server under test is started.
 *
 * <p>Built only on {@code com.sun.net.httpserver} and Jakarta JSON-P.
 */
package io.aigw.it.fake;
