// The console's load and navigation times in a headless Chromium (see bench/console.sh and bench/README.md).
// Each round opens a fresh browser context (empty cache), signs in, opens every page, then reloads the overview
// with a warm cache. For each step it records the wall time until the page says it is ready, and how much of that
// the page's own API calls took (Resource Timing: first request start to last response end), so the console's
// share (scripts, rendering) is the difference.
//
//   node bench/console.mjs <gateway url> <admin key> <rounds> <out.json>

import {writeFileSync} from 'node:fs';
import {launch, open, ready, signIn} from '../arquillian-tests/target/js/browser.mjs';

const [base, key, roundsText, out] = process.argv.slice(2);
const rounds = Number(roundsText);
const PAGES = ['connections', 'keys', 'tenants', 'applications', 'quotas', 'prices', 'routes', 'guardrails', 'alerts',
  'audit', 'usage', 'overview'];

/** Milliseconds the API calls since the mark took, from the first start to the last end. */
async function apiSpan(page) {
  return page.evaluate(() => {
    const calls = performance.getEntriesByType('resource').filter(e => /\/(admin|compliance)\//.test(e.name));
    performance.clearResourceTimings();
    if (!calls.length) {
      return 0;
    }
    return Math.max(...calls.map(e => e.responseEnd)) - Math.min(...calls.map(e => e.startTime));
  });
}

const samples = [];
const browser = await launch();
try {
  for (let round = 0; round < rounds; round++) {
    const session = await signIn(browser, base, key, 'overview');
    const {page} = session;
    samples.push({round, step: 'first load: sign-in page, empty cache', ms: session.firstLoad, api: 0});
    samples.push({round, step: 'sign in to the overview (24 h)', ms: session.signIn, api: await apiSpan(page)});
    for (const name of PAGES) {
      const ms = await open(page, `#/${name}`, name);
      samples.push({round, step: `open ${name}`, ms, api: await apiSpan(page)});
    }
    const started = Date.now();
    await page.evaluate(() => { document.body.dataset.state = 'navigating'; });
    await page.select('select[name=range]', '30d');
    await page.waitForFunction(() => !document.querySelector('.overview-body[aria-busy]'));
    samples.push({round, step: 'overview: switch to 30 days', ms: Date.now() - started, api: await apiSpan(page)});
    const reloaded = Date.now();
    await page.reload();
    await ready(page, 'overview');
    samples.push({round, step: 'reload the overview, warm cache', ms: Date.now() - reloaded, api: await apiSpan(page)});
    if (session.errors.length) {
      throw new Error(`the console reported errors: ${session.errors.join('; ')}`);
    }
    await session.context.close();
  }
} finally {
  await browser.close();
}
writeFileSync(out, JSON.stringify(samples, null, 1));
