// The official SDKs against the gateway: run by RealClientsIT with AIGW_URL and AIGW_KEY set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';

const url = process.env.AIGW_URL;
const key = process.env.AIGW_KEY;
const openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: key, maxRetries: 0 });
const anthropic = new Anthropic({ baseURL: url, apiKey: key, maxRetries: 0 });
const weather = [{ type: 'function', function: { name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];

test('openai: chat completion', async () => {
  const r = await openai.chat.completions.create({ model: 'openai/gpt-4o-mini',
    messages: [{ role: 'user', content: 'Say hello' }] });
  assert.equal(r.choices[0].message.content, 'Hello from gpt-4o-mini.');
  assert.equal(r.usage.completion_tokens, 3);
});

test('openai: streamed chat with usage, from an Anthropic upstream', async () => {
  const stream = await openai.chat.completions.create({ model: 'anthropic/claude-haiku-4-5', stream: true,
    stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hi there' }] });
  let text = ''; let usage = null; let role = null;
  for await (const chunk of stream) {
    if (chunk.choices.length && chunk.choices[0].delta.role) role = chunk.choices[0].delta.role;
    if (chunk.choices.length && chunk.choices[0].delta.content) text += chunk.choices[0].delta.content;
    if (chunk.usage) usage = chunk.usage;
  }
  assert.equal(role, 'assistant');
  assert.equal(text, 'Hello from claude-haiku-4-5.');
  assert.equal(usage.completion_tokens, 3);
});

test('openai: streamed parallel tool calls', async () => {
  const runner = openai.chat.completions.stream({ model: 'openai/gpt-4o-mini', tools: weather,
    messages: [{ role: 'user', content: 'weather?' }] });
  const done = await runner.finalChatCompletion();
  const calls = done.choices[0].message.tool_calls;
  assert.equal(calls.length, 2);
  assert.deepEqual(JSON.parse(calls[1].function.arguments), { city: 'Rome' });
});

test('openai: embeddings, base64 by default, decoded by the SDK', async () => {
  const r = await openai.embeddings.create({ model: 'local/all-minilm-l6-v2', input: ['hello world', 'cat'] });
  assert.equal(r.data.length, 2);
  assert.equal(r.data[0].embedding.length, 384);
  const norm = Math.sqrt(r.data[0].embedding.reduce((s, x) => s + x * x, 0));
  assert.ok(Math.abs(norm - 1) < 1e-3, `norm ${norm}`);
});

test('openai: model list', async () => {
  const ids = [];
  for await (const m of openai.models.list()) ids.push(m.id);
  assert.ok(ids.includes('local/all-minilm-l6-v2'), ids.join(','));
  assert.ok(ids.includes('openai/gpt-4o-mini'), ids.join(','));
});

test('openai: typed errors', async () => {
  const bad = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'aigw-wrong', maxRetries: 0 });
  await assert.rejects(bad.chat.completions.create({ model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'x' }] }), OpenAI.AuthenticationError);
  await assert.rejects(openai.chat.completions.create({ model: 'nosuch-model',
    messages: [{ role: 'user', content: 'x' }] }), OpenAI.NotFoundError);
  await assert.rejects(openai.chat.completions.create({ model: 'fault-429',
    messages: [{ role: 'user', content: 'x' }] }), OpenAI.RateLimitError);
  await assert.rejects(openai.chat.completions.create({ model: 'openai/gpt-4o-mini', messages: 'x' }),
    OpenAI.BadRequestError);
});

test('anthropic: message to an Anthropic and to an OpenAI upstream', async () => {
  const a = await anthropic.messages.create({ model: 'anthropic/claude-sonnet-4-5', max_tokens: 100,
    messages: [{ role: 'user', content: 'Say hello' }] });
  assert.equal(a.content[0].text, 'Hello from claude-sonnet-4-5.');
  assert.equal(a.stop_reason, 'end_turn');
  const o = await anthropic.messages.create({ model: 'openai/gpt-4o-mini', max_tokens: 100,
    messages: [{ role: 'user', content: 'Say hello' }] });
  assert.equal(o.content[0].text, 'Hello from gpt-4o-mini.');
  assert.equal(o.usage.output_tokens, 3);
});

test('anthropic: streamed message and streamed tool use', async () => {
  const stream = anthropic.messages.stream({ model: 'openai/gpt-4o-mini', max_tokens: 100,
    messages: [{ role: 'user', content: 'one two three' }] });
  let text = '';
  stream.on('text', (t) => { text += t; });
  const final = await stream.finalMessage();
  assert.equal(text, 'Hello from gpt-4o-mini.');
  assert.equal(final.usage.output_tokens, 3);

  const tools = anthropic.messages.stream({ model: 'openai/gpt-4o-mini', max_tokens: 100,
    tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
    messages: [{ role: 'user', content: 'weather?' }] });
  const msg = await tools.finalMessage();
  const uses = msg.content.filter((b) => b.type === 'tool_use');
  assert.equal(msg.stop_reason, 'tool_use');
  assert.deepEqual(uses.map((u) => u.input.city), ['Paris', 'Rome']);
});

test('anthropic: model list and typed errors', async () => {
  const ids = [];
  for await (const m of anthropic.models.list()) ids.push(m.id);
  assert.ok(ids.includes('anthropic/claude-sonnet-4-5'), ids.join(','));
  const bad = new Anthropic({ baseURL: url, apiKey: 'aigw-wrong', maxRetries: 0 });
  await assert.rejects(bad.messages.create({ model: 'openai/gpt-4o-mini', max_tokens: 5,
    messages: [{ role: 'user', content: 'x' }] }), Anthropic.AuthenticationError);
  await assert.rejects(anthropic.messages.create({ model: 'anthropic/fault-429', max_tokens: 5,
    messages: [{ role: 'user', content: 'x' }] }), Anthropic.RateLimitError);
});
