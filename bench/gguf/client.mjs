// The gateway side of bench/gguf.sh: sequential streamed chat completions against the gateway's local GGUF model,
// timed the way bench/gguf/LlamaAlone.java times the runtime alone. See bench/README.md.
//
//   node bench/gguf/client.mjs --gateway http://127.0.0.1:9080 --key <api key> --model local/<id>
//        [--warmup 5] [--runs 20 (0: warm-up only)] [--max-tokens 128] [--seed 7] [--system TEXT] [--user TEXT] [--out runs.tsv]
//
// Per request, timed from just before the request is written: TTFT = until the first chunk with non-empty
// delta.content, total = until the stream ends (after the usage chunk and [DONE]), tokens = usage.completion_tokens
// (checked against the content chunks counted). The last stdout line is a JSON summary.
import http from 'node:http';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const GATEWAY = new URL(args.gateway ?? 'http://127.0.0.1:9080');
const KEY = args.key;
const MODEL = args.model;
const WARMUP = Number(args.warmup ?? 5);
const RUNS = Number(args.runs ?? 20);
const MAX_TOKENS = Number(args['max-tokens'] ?? 128);
const SEED = Number(args.seed ?? 7);
const SYSTEM = args.system ?? 'You are a cat.';
const USER = args.user ?? 'Once upon a time';
if (!KEY || !MODEL || !(RUNS >= 0)) {
  console.error('usage: node client.mjs --gateway URL --key API_KEY --model local/<id> [options]');
  process.exit(2);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const body = JSON.stringify({
  model: MODEL, max_tokens: MAX_TOKENS, temperature: 0, seed: SEED,
  stream: true, stream_options: { include_usage: true },
  messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: USER }],
});

function once() {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let first = 0;
    let chunks = 0;
    let text = '';
    let usage = null;
    let finish = null;
    let done = false;
    let buffer = '';
    const req = http.request({
      host: GATEWAY.hostname, port: GATEWAY.port || 80, path: '/v1/chat/completions', method: 'POST', agent,
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json',
        'content-length': Buffer.byteLength(body) },
    }, (res) => {
      res.setEncoding('utf8');
      if (res.statusCode !== 200) {
        let err = '';
        res.on('data', (d) => { err += d; });
        res.on('end', () => reject(new Error(`HTTP ${res.statusCode}: ${err}`)));
        return;
      }
      res.on('data', (d) => {
        buffer += d;
        let nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl).replace(/\r$/, '');
          buffer = buffer.slice(nl + 1);
          if (!line.startsWith('data:')) continue;
          const data = line.slice(5).trim();
          if (data === '[DONE]') { done = true; continue; }
          const chunk = JSON.parse(data);
          if (chunk.usage) usage = chunk.usage;
          const choice = chunk.choices?.[0];
          if (!choice) continue;
          const content = choice.delta?.content;
          if (content) {
            if (chunks === 0) first = performance.now();
            chunks++;
            text += content;
          }
          if (choice.finish_reason) finish = choice.finish_reason;
        }
      });
      res.on('end', () => {
        const end = performance.now();
        if (!done) { reject(new Error('the stream ended without data: [DONE]')); return; }
        if (!usage) { reject(new Error('no usage chunk (stream_options.include_usage)')); return; }
        resolve({ tokens: usage.completion_tokens, chunks, promptTokens: usage.prompt_tokens, finish,
          ttft: first - start, total: end - start, text });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const median = (values) => {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  return n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
};

const measured = [];
for (let i = 0; i < WARMUP + RUNS; i++) {
  const r = await once();
  const warm = i < WARMUP;
  const label = warm ? `warm-up ${String(i + 1).padStart(2)}` : `run     ${String(i - WARMUP + 1).padStart(2)}`;
  console.error(`[gateway] ${label}: ${r.tokens} tokens (${r.chunks} content chunks), ttft ${r.ttft.toFixed(1)} ms,`
    + ` total ${r.total.toFixed(1)} ms, ${(r.tokens / (r.total / 1000)).toFixed(1)} tok/s, finish ${r.finish}`);
  if (r.tokens !== r.chunks) console.error(`[gateway] WARNING: usage says ${r.tokens} tokens but ${r.chunks} content chunks came`);
  if (!warm) {
    if (measured.length && r.text !== measured[0].text) console.error(`[gateway] WARNING: ${label} generated a different text`);
    measured.push(r);
  }
}
agent.destroy();
if (!measured.length) { // --runs 0: warm-up only
  console.log(JSON.stringify({ side: 'gateway', runs: 0, warmup: WARMUP }));
  process.exit(0);
}

const tps = measured.map((r) => r.tokens / (r.total / 1000));
const decode = measured.map((r) => (r.tokens > 1 ? (r.tokens - 1) / ((r.total - r.ttft) / 1000) : 0));
if (args.out) {
  writeFileSync(args.out, 'run\ttokens\tttft_ms\ttotal_ms\ttok_per_s\tdecode_tok_per_s\n' + measured.map((r, i) =>
    [i + 1, r.tokens, r.ttft.toFixed(3), r.total.toFixed(3), tps[i].toFixed(3), decode[i].toFixed(3)].join('\t'))
    .join('\n') + '\n');
}
console.log(JSON.stringify({
  side: 'gateway', runs: RUNS, warmup: WARMUP, prompt_tokens: measured[0].promptTokens,
  tokens_median: median(measured.map((r) => r.tokens)),
  tps_median: +median(tps).toFixed(3), ttft_ms_median: +median(measured.map((r) => r.ttft)).toFixed(3),
  total_ms_median: +median(measured.map((r) => r.total)).toFixed(3), decode_tps_median: +median(decode).toFixed(3),
  tps_min: +Math.min(...tps).toFixed(3), tps_max: +Math.max(...tps).toFixed(3),
  text_sha256: createHash('sha256').update(measured[0].text, 'utf8').digest('hex'),
}));
