// Streaming benchmark: an OpenAI-style upstream that emits one chunk every INTERVAL ms, and a client that measures,
// in the same process and clock, time to first token and the delay of every chunk from the upstream's write to the
// client's read — straight to the upstream (baseline) and through the gateway. See bench/README.md.
//
//   node bench/stream.mjs --gateway http://127.0.0.1:9080 --key <api key> [--guarded-key <api key>] [--port 9597]
//        [--interval 10] [--chunks 20] [--warmup 20000] [--requests 300] [--rounds 5] [--concurrency 8]
//        [--text-streams 100]
//
// With --guarded-key (a key whose requests pass output guardrails), every round also measures the same streams
// through that key ("guarded": text that cannot match is relayed at once), and a last phase streams realistic text
// whose tokens split words, e-mail addresses and phone numbers through it: the client checks the text it assembles
// against the expected redaction; how long held-back tails waited is in the gateway's audit records (stream.sh).
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const PORT = Number(args.port ?? 9597);
const INTERVAL = Number(args.interval ?? 10);
const CHUNKS = Number(args.chunks ?? 20);
const WARMUP = Number(args.warmup ?? 20000);
const REQUESTS = Number(args.requests ?? 300);
const CONCURRENCY = Number(args.concurrency ?? 8);
const ROUNDS = Number(args.rounds ?? 5);
const GATEWAY = args.gateway;
const KEY = args.key;
const GUARDED_KEY = args['guarded-key'];
const TEXT_STREAMS = Number(args['text-streams'] ?? 100);
// realistic answer text, cut into 3-to-5-character tokens as a BPE tokenizer would cut unusual words
const TEXT = 'Thanks for waiting. Your order ships Tuesday; questions go to jordan.lee@example.com or call '
  + '+1 415 555 0142, and the invoice copy went to billing@example.org as well. Reference 77812 stays valid '
  + 'for thirty days, so keep this message.';
const TEXT_TOKENS = [];
for (let i = 0, n = 0; i < TEXT.length; n++) {
  const size = 3 + (n % 3);
  TEXT_TOKENS.push(TEXT.slice(i, i + size));
  i += size;
}
const TEXT_REDACTED = TEXT.replace('jordan.lee@example.com', '[REDACTED_EMAIL]')
  .replace('+1 415 555 0142', '[REDACTED_PHONE]').replace('billing@example.org', '[REDACTED_EMAIL]');
if (!GATEWAY || !KEY) {
  console.error('usage: node stream.mjs --gateway URL --key API_KEY [options]');
  process.exit(2);
}

const emitted = new Map(); // request tag -> array of emit times (ms, performance clock)

function chunk(delta, finish) {
  return `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1700000000,
    model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finish ?? null }] })}\n\n`;
}

const upstream = http.createServer((req, res) => {
  let body = '';
  req.on('data', (d) => { body += d; });
  req.on('end', () => {
    if (req.url !== '/v1/chat/completions') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"not found","type":"invalid_request_error"}}');
      return;
    }
    const request = JSON.parse(body);
    const tag = request.messages.at(-1).content;
    const times = [];
    emitted.set(tag, times);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(chunk({ role: 'assistant', content: '' }));
    let i = 0;
    const text = tag.startsWith('text-');
    const next = () => {
      if (text && i < TEXT_TOKENS.length) {
        res.write(chunk({ content: TEXT_TOKENS[i] }));
        i++;
        setTimeout(next, INTERVAL);
        return;
      }
      if (!text && i < CHUNKS) {
        times.push(performance.now());
        res.write(chunk({ content: `t${i} ` }));
        i++;
        if (tag.startsWith('warm-')) setImmediate(next); else setTimeout(next, INTERVAL);
        return;
      }
      res.write(chunk({}, 'stop'));
      if (request.stream_options?.include_usage) {
        res.write(`data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1700000000,
          model: 'gpt-4o-mini', choices: [], usage: { prompt_tokens: 9, completion_tokens: CHUNKS,
            total_tokens: 9 + CHUNKS } })}\n\n`);
      }
      res.end('data: [DONE]\n\n');
    };
    setTimeout(next, 0);
  });
});

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
let counter = 0;

/** One streamed request of realistic text; resolves to { ttft, total, text } in ms and the text assembled. */
function textStream(baseUrl, model, auth) {
  const tag = `text-${process.pid}-${counter++}`;
  const payload = JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: tag }] });
  const url = new URL('/v1/chat/completions', baseUrl);
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let first;
    let assembled = '';
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json',
      authorization: `Bearer ${auth}`, 'content-length': Buffer.byteLength(payload) } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`${baseUrl}: HTTP ${res.statusCode}`));
        return;
      }
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        buffer += d;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end).replace(/^data: /, '');
          buffer = buffer.slice(end + 2);
          if (event === '[DONE]') continue;
          const content = JSON.parse(event).choices?.[0]?.delta?.content;
          if (content) {
            first ??= performance.now();
            assembled += content;
          }
        }
      });
      res.on('end', () => resolve({ ttft: first - start, total: performance.now() - start, text: assembled }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** One streamed request; resolves to { ttft, delays[] } in ms. */
function stream(baseUrl, model, auth, warm) {
  const tag = `${warm ? 'warm' : 'bench'}-${process.pid}-${counter++}`;
  const payload = JSON.stringify({ model, stream: true, stream_options: { include_usage: true },
    messages: [{ role: 'user', content: tag }] });
  const url = new URL('/v1/chat/completions', baseUrl);
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const arrivals = [];
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json',
      authorization: `Bearer ${auth}`, 'content-length': Buffer.byteLength(payload) } }, (res) => {
      if (res.statusCode !== 200) {
        let error = '';
        res.setEncoding('utf8');
        res.on('data', (d) => { error += d; });
        res.on('end', () => reject(new Error(`${baseUrl}: HTTP ${res.statusCode}: ${error.slice(0, 500)}`)));
        return;
      }
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (text) => {
        const now = performance.now();
        buffer += text;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const m = /"content":"t(\d+) "/.exec(event);
          if (m) arrivals[Number(m[1])] = now;
        }
      });
      res.on('end', () => {
        const times = emitted.get(tag);
        emitted.delete(tag);
        if (!times || arrivals.length !== CHUNKS || arrivals.some((a) => a === undefined)) {
          reject(new Error(`${baseUrl}: got ${arrivals.filter((a) => a !== undefined).length} of ${CHUNKS} chunks`));
          return;
        }
        resolve({ ttft: arrivals[0] - start, delays: arrivals.map((a, i) => a - times[i]) });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * COUNT streams over CONCURRENCY connections. Measured runs start the connections spread evenly over one stream's
 * length, so that their requests arrive at even intervals as independent clients' would; started together, streams
 * of equal length would stay in lock-step and every request would arrive in a burst with all the others.
 */
async function run(baseUrl, model, auth, count, concurrency, warm = false) {
  const results = [];
  let started = 0;
  const spacing = warm ? 0 : (CHUNKS * INTERVAL) / concurrency;
  const worker = async (_, i) => {
    if (spacing > 0) await new Promise((resolve) => setTimeout(resolve, i * spacing));
    while (started < count) {
      started++;
      results.push(await stream(baseUrl, model, auth, warm));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** COUNT realistic-text streams through the guarded key over CONCURRENCY connections. */
async function run2(count, concurrency) {
  const results = [];
  let started = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (started < count) {
      started++;
      results.push(await textStream(GATEWAY, 'openai/gpt-4o-mini', GUARDED_KEY));
    }
  }));
  return results;
}

function pct(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const fmt = (v) => v.toFixed(2);

await new Promise((resolve) => upstream.listen(PORT, '127.0.0.1', resolve));
const direct = `http://127.0.0.1:${PORT}`;
try {
  process.stderr.write(`[stream] warm-up: ${WARMUP} streams without pauses through the gateway at ${CONCURRENCY} connections\n`);
  await run(GATEWAY, 'openai/gpt-4o-mini', KEY, WARMUP, CONCURRENCY, true);
  const rows = [];
  const summary = {};
  const perRound = {};
  for (const c of [1, CONCURRENCY]) {
    const targets = [['direct', direct, 'gpt-4o-mini', 'none'], ['gateway', GATEWAY, 'openai/gpt-4o-mini', KEY]];
    if (GUARDED_KEY) targets.push(['guarded', GATEWAY, 'openai/gpt-4o-mini', GUARDED_KEY]);
    const pooled = Object.fromEntries(targets.map((t) => [t[0], []]));
    perRound[c] = [];
    const each = Math.max(1, Math.round(REQUESTS / ROUNDS));
    for (let round = 1; round <= ROUNDS; round++) {
      const ttft50 = {};
      for (const [target, url, model, auth] of targets) {
        process.stderr.write(`[stream] ${c} connection(s), round ${round}/${ROUNDS}: ${each} streams ${target}\n`);
        const results = await run(url, model, auth, each, c);
        pooled[target].push(...results);
        ttft50[target] = pct(results.map((r) => r.ttft), 50);
      }
      perRound[c].push(ttft50.gateway - ttft50.direct);
    }
    for (const target of Object.keys(pooled)) {
      const ttft = pooled[target].map((r) => r.ttft);
      const delays = pooled[target].flatMap((r) => r.delays);
      summary[`${c}-${target}`] = { ttft50: pct(ttft, 50), ttft99: pct(ttft, 99), d50: pct(delays, 50),
        d99: pct(delays, 99), dmax: Math.max(...delays), n: ttft.length };
      const r = summary[`${c}-${target}`];
      rows.push(`| ${c} | ${target} | ${r.n} | ${fmt(r.ttft50)} | ${fmt(r.ttft99)} | ${fmt(r.d50)} | ${fmt(r.d99)} | ${fmt(r.dmax)} |`);
    }
  }
  console.log(`## aigw streaming benchmark, ${new Date().toISOString()}\n`);
  console.log(`- Upstream: Node ${process.version} in the measuring process, ${CHUNKS} content chunks every ${INTERVAL} ms`);
  console.log(`- Runs: warm-up ${WARMUP} streams without pauses (discarded); per connection count ${ROUNDS} rounds, each ${Math.max(1, Math.round(REQUESTS / ROUNDS))} streams direct then as many through the gateway (interleaved, so that both see the same machine), the connections' first requests spread over one stream's length; percentiles over all streams of a row; chunk delay = client read time - upstream write time of the same chunk, one clock\n`);
  console.log('| connections | target | streams | TTFT p50 ms | TTFT p99 ms | chunk delay p50 ms | chunk delay p99 ms | chunk delay max ms |');
  console.log('|---:|---|---:|---:|---:|---:|---:|---:|');
  rows.forEach((r) => console.log(r));
  console.log('\nAdded by the gateway (gateway - direct):\n');
  for (const c of [1, CONCURRENCY]) {
    const d = summary[`${c}-direct`];
    const g = summary[`${c}-gateway`];
    const rounds = perRound[c].map(fmt).join(', ');
    console.log(`- ${c} connection(s): time to first token p50 +${fmt(g.ttft50 - d.ttft50)} ms, p99 +${fmt(g.ttft99 - d.ttft99)} ms; chunk delay p50 +${fmt(g.d50 - d.d50)} ms, p99 +${fmt(g.d99 - d.d99)} ms; TTFT p50 added per round: ${rounds} ms`);
    const q = summary[`${c}-guarded`];
    if (q) {
      console.log(`- ${c} connection(s), with output guardrails (nothing to hold back): time to first token p50 +${fmt(q.ttft50 - d.ttft50)} ms; chunk delay p50 +${fmt(q.d50 - d.d50)} ms, p99 +${fmt(q.d99 - d.d99)} ms`);
    }
  }
  if (GUARDED_KEY && TEXT_STREAMS > 0) {
    process.stderr.write(`[stream] realistic text: ${TEXT_STREAMS} streams of ${TEXT_TOKENS.length} tokens through the guarded key\n`);
    const results = await run2(TEXT_STREAMS, CONCURRENCY);
    const wrong = results.filter((r) => r.text !== TEXT_REDACTED).length;
    if (wrong > 0) {
      process.stderr.write(`[stream] expected: ${TEXT_REDACTED}\n[stream] got:      ${results.find((r) => r.text !== TEXT_REDACTED).text}\n`);
    }
    console.log(`- Realistic text (${TEXT_TOKENS.length} tokens of 3-5 characters every ${INTERVAL} ms, two e-mail addresses and a phone number split across tokens), ${results.length} streams through output PII redaction at ${CONCURRENCY} connections: TTFT p50 ${fmt(pct(results.map((r) => r.ttft), 50))} ms, whole stream p50 ${fmt(pct(results.map((r) => r.total), 50))} ms (the upstream takes ${TEXT_TOKENS.length * INTERVAL} ms); ${wrong} of ${results.length} assembled texts differ from the expected redaction`);
  }
} finally {
  agent.destroy();
  upstream.close();
}
