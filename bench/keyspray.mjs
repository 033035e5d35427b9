// Sends requests with random, unknown API keys at a fixed rate (a key-spraying client) until stopped, and reports how
// many it sent and what they were answered. See bench/README.md ("Key spraying").
//
//   node bench/keyspray.mjs --gateway http://127.0.0.1:9080 --rate 1000 --seconds 20
import http from 'node:http';
import { randomBytes } from 'node:crypto';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const GATEWAY = new URL(args.gateway ?? 'http://127.0.0.1:9080');
const RATE = Number(args.rate ?? 1000);
const SECONDS = Number(args.seconds ?? 20);
const BODY = '{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"Say hello"}]}';
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

const statuses = new Map();
let sent = 0;
let inFlight = 0;

function one() {
  sent++;
  inFlight++;
  const req = http.request({ host: GATEWAY.hostname, port: GATEWAY.port, path: '/v1/chat/completions',
    method: 'POST', agent, headers: { 'content-type': 'application/json',
      authorization: `Bearer aigw-${randomBytes(24).toString('base64url')}` } }, (res) => {
    res.resume();
    res.on('end', () => {
      inFlight--;
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    });
  });
  req.on('error', () => { inFlight--; statuses.set('error', (statuses.get('error') ?? 0) + 1); });
  req.end(BODY);
}

// one tick every 10 ms, each sending its share, so the rate holds without a timer per request
const start = process.hrtime.bigint();
const timer = setInterval(() => {
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  if (elapsed >= SECONDS) {
    clearInterval(timer);
    const wait = setInterval(() => {
      if (inFlight === 0) {
        clearInterval(wait);
        agent.destroy();
        const achieved = sent / SECONDS;
        console.log(JSON.stringify({ sent, rate: Math.round(achieved), statuses: Object.fromEntries(statuses) }));
      }
    }, 50);
    return;
  }
  const due = Math.floor(elapsed * RATE) - sent;
  for (let i = 0; i < due && inFlight < 2000; i++) {
    one();
  }
}, 10);
