// A headless Chromium for the console's browser tests and benchmark: the build shipped in @sparticuz/chromium
// (installed from the lock file, unpacked to the temporary folder on first use), driven by puppeteer-core.
// The flags keep it off the network but for the gateway; none of them relaxes web security.

import chromium from '@sparticuz/chromium';
import puppeteer from 'puppeteer-core';

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-default-browser-check', '--no-pings',
  '--disable-domain-reliability', '--font-render-hinting=none', '--no-zygote', '--disable-dev-shm-usage'];

export async function launch() {
  return puppeteer.launch({executablePath: await chromium.executablePath(), args: FLAGS, headless: 'shell',
    protocolTimeout: 60000});
}

/** Sets the hash (or opens the same one again) and waits until the console says the page is ready (its body's data-page and data-state). */
export async function open(page, hash, name) {
  const started = Date.now();
  await page.evaluate(h => {
    document.body.dataset.state = 'navigating';
    if (location.hash === h) {
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } else {
      location.hash = h;
    }
  }, hash);
  await ready(page, name);
  return Date.now() - started;
}

export async function ready(page, name) {
  await page.waitForFunction(n => document.body.dataset.state === 'ready' && document.body.dataset.page === n,
    {timeout: 30000}, name);
}

/** Opens the console in a fresh browser context (no cache, no storage), signs in, and waits for the first page. */
export async function signIn(browser, base, key, landing, options = {}) {
  const context = await browser.createBrowserContext(options);
  const page = await context.newPage();
  await page.setViewport({width: 1366, height: 900});
  const errors = [];
  page.on('pageerror', e => errors.push(e.message));
  page.on('console', m => {
    if (m.type() === 'error' && !/status of (403|401)/.test(m.text())) {
      errors.push(m.text());
    }
  });
  const started = Date.now();
  await page.goto(`${base}/console/`);
  await ready(page, 'sign-in');
  const firstLoad = Date.now() - started;
  const signedIn = Date.now();
  await page.type('input[name=key]', key);
  await page.evaluate(() => { document.body.dataset.state = 'navigating'; });
  await page.click('#sign-in button[type=submit]');
  await ready(page, landing);
  return {context, page, errors, firstLoad, signIn: Date.now() - signedIn};
}
