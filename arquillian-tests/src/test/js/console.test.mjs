// The admin console in a real headless Chromium against the test gateway, with data ConsoleIT put there: a tenant
// with a user key that made known chats (one of them failed), and a compliance key of that tenant.
// Run by ConsoleIT with node's test runner; every expectation is checked against the gateway's own API too.

import assert from 'node:assert/strict';
import {mkdtempSync, readdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {launch, open, ready, signIn} from './browser.mjs';

const base = process.env.AIGW_URL;
const admin = process.env.AIGW_ADMIN_KEY;
const tenant = process.env.AIGW_TENANT;
const compliance = process.env.AIGW_COMPLIANCE_KEY;
const userKey = process.env.AIGW_USER_KEY;
const userKeyId = process.env.AIGW_USER_KEY_ID;
const requests = Number(process.env.AIGW_REQUESTS);
const failed = Number(process.env.AIGW_FAILED);
const tag = process.env.AIGW_TAG;

let browser;
const timings = [];

async function api(path, key = admin, init = {}) {
  const response = await fetch(`${base}${path}`, {...init, headers: {Authorization: `Bearer ${key}`,
    'Content-Type': 'application/json', ...(init.headers || {})}});
  const text = await response.text();
  return {status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers};
}

/** A test that, when it fails, says what the console showed. */
function pageTest(name, pageOf, body) {
  test(name, async () => {
    try {
      await body();
    } catch (e) {
      const page = pageOf();
      const shown = page ? await page.evaluate(() => `[${document.body.dataset.page}/${document.body.dataset.state}] `
        + `${location.hash}\n${document.querySelector('main').innerText}`).catch(x => String(x)) : '';
      e.message = `${e.message}\n--- the console showed:\n${shown.slice(0, 3000)}`;
      throw e;
    }
  });
}

const texts = (page, selector) => page.$$eval(selector, els => els.map(e => e.textContent.trim()));
const text = (page, selector) => page.$eval(selector, e => e.textContent.trim());

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
  console.log(`CONSOLE TIMINGS ${JSON.stringify(timings)}`);
});

describe('static files', () => {
  test('the page is revalidated, the assets are immutable, versioned, gzipped and locked down', async () => {
    const bare = await fetch(`${base}/console`, {redirect: 'manual'});
    assert.equal(bare.status, 302);
    assert.match(bare.headers.get('location'), /\/console\/$/);

    const index = await fetch(`${base}/console/`);
    assert.equal(index.status, 200);
    assert.equal(index.headers.get('cache-control'), 'no-cache');
    assert.match(index.headers.get('content-type'), /^text\/html/);
    assert.match(index.headers.get('content-security-policy'), /script-src 'self';/);
    assert.match(index.headers.get('content-security-policy'), /frame-ancestors 'none'/);
    assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(index.headers.get('x-frame-options'), 'DENY');
    assert.equal(index.headers.get('referrer-policy'), 'no-referrer');
    const etag = index.headers.get('etag');
    assert.match(etag, /^"[0-9a-f]{20}(-gz)?"$/);
    const html = await index.text();
    assert.match(html, /<meta name="aigw-idle-timeout" content="1800">/);
    const app = /src="(assets\/([0-9a-f]{16})\/app\.js)"/.exec(html);
    assert.ok(app, html);

    const again = await fetch(`${base}/console/`, {headers: {'If-None-Match': etag}});
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');

    const script = await fetch(`${base}/console/${app[1]}`, {headers: {'Accept-Encoding': 'gzip'}});
    assert.equal(script.status, 200);
    assert.equal(script.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(script.headers.get('content-encoding'), 'gzip');
    assert.equal(script.headers.get('vary'), 'Accept-Encoding');
    assert.match(script.headers.get('content-type'), /^text\/javascript/);
    assert.match(await script.text(), /import/);

    const plain = await fetch(`${base}/console/${app[1]}`, {headers: {'Accept-Encoding': 'gzip;q=0, identity'}});
    assert.equal(plain.headers.get('content-encoding'), null);

    const stale = await fetch(`${base}/console/assets/0000000000000000/app.js`);
    assert.equal(stale.status, 404);
    assert.equal(stale.headers.get('cache-control'), 'no-store');
    assert.equal((await fetch(`${base}/console/assets/${app[2]}/../../WEB-INF/web.xml`)).status, 404);
    assert.equal((await fetch(`${base}/console/nothing.js`)).status, 404);
  });

  test('a second visit takes every asset from the browser cache and revalidates only the page', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.goto(`${base}/console/`);
    await ready(page, 'sign-in');
    const statuses = [];
    page.on('response', r => statuses.push([new URL(r.url()).pathname, r.status(), r.fromCache()]));
    await page.reload();
    await ready(page, 'sign-in');
    const assets = statuses.filter(([path]) => path.includes('/assets/'));
    assert.ok(assets.length >= 3, JSON.stringify(statuses));
    assert.deepEqual(assets.filter(([, , cached]) => !cached), [], JSON.stringify(statuses));
    const pageAnswer = statuses.find(([path]) => path === '/console/');
    assert.equal(pageAnswer[1], 304, JSON.stringify(statuses));
    await context.close();
  });
});

describe('sign-in', () => {
  test('a wrong key and a key without a console role are refused with the reason', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.goto(`${base}/console/`);
    await ready(page, 'sign-in');
    for (const [key, reason] of [['aigw-not-a-key-at-all', 'This key is not valid: it is unknown, revoked or expired.'],
      [userKey, 'This key cannot open the console: it needs the admin, auditor or compliance role.']]) {
      await page.$eval('input[name=key]', i => { i.value = ''; });
      await page.type('input[name=key]', key);
      await page.evaluate(() => { document.body.dataset.state = 'navigating'; });
      await page.click('#sign-in button[type=submit]');
      await ready(page, 'sign-in');
      assert.equal(await text(page, '#sign-in .notice.error'), reason);
      assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    }
    await context.close();
  });
});

describe('an admin', () => {
  let page;
  let errors;
  const downloads = mkdtempSync(join(tmpdir(), 'aigw-console-'));

  before(async () => {
    const session = await signIn(browser, base, admin, 'overview',
      {downloadBehavior: {policy: 'allow', downloadPath: downloads}});
    page = session.page;
    errors = session.errors;
    timings.push({step: 'first load (sign-in page, empty cache)', ms: session.firstLoad},
      {step: 'sign in to the overview', ms: session.signIn});
  });

  after(() => {
    assert.deepEqual(errors, []);
  });

  pageTest('opens every page, and each shows what the API holds', () => page, async () => {
    const navigation = ['connections', 'keys', 'tenants', 'applications', 'quotas', 'prices', 'routes', 'guardrails',
      'alerts', 'audit', 'usage', 'overview'];
    assert.deepEqual(await texts(page, 'nav a'), ['Overview', 'Connections', 'Keys', 'Tenants', 'Applications',
      'Limits & budgets', 'Prices', 'Routes', 'Guardrails', 'Alerts', 'Audit trail', 'Usage']);
    for (const name of navigation) {
      timings.push({step: `navigate to ${name}`, ms: await open(page, `#/${name}`, name)});
      assert.deepEqual(await page.$$('.notice.error'), [], `${name}: ${await page.$eval('main', m => m.innerText)}`);
    }
    await open(page, '#/connections', 'connections');
    const connections = (await api('/admin/connections')).body.data;
    assert.deepEqual(await page.$$eval('tr[data-connection]', rows => rows.map(r => r.dataset.connection)),
      connections.map(c => c.name));
    const openai = connections.find(c => c.name === 'openai');
    assert.equal(await text(page, 'tr[data-connection=openai] [data-col=state]'),
      openai.available ? 'available' : 'unavailable');
    assert.equal(await text(page, 'tr[data-connection=openai] [data-col=in_use]'), String(openai.pool.in_use));

    await open(page, '#/tenants', 'tenants');
    assert.ok(await page.$(`tr[data-tenant="${tenant}"]`));
  });

  pageTest('the overview charts the tenant\'s real traffic from the analytics', () => page, async () => {
    await open(page, '#/overview', 'overview');
    const asked = [];
    const listener = r => {
      if (r.url().includes('/admin/analytics') && r.url().includes('interval=')) {
        asked.push(r.url());
      }
    };
    page.on('request', listener);
    await page.select('select[name=tenant]', tenant);
    await page.waitForFunction(() => !document.querySelector('.overview-body[aria-busy]'));
    // the tenant's requests: the chats, and the user key's refused sign-in (a compliance request on record too)
    const total = requests + 1;
    await page.waitForFunction(n => document.querySelector('[data-tile=requests] .value')?.textContent === n, {},
      total.toLocaleString('en-US'));
    page.off('request', listener);
    assert.equal(asked.length, 1, asked.join('\n'));
    const query = new URL(asked[0]);
    assert.equal(query.searchParams.get('tenant'), tenant);
    const answer = (await api(`${query.pathname}${query.search}`)).body;
    assert.equal(answer.total.requests, total);
    assert.equal(answer.total.errors, failed + 1);
    const series = answer.data[0].series;
    const charted = JSON.parse(await page.$eval('[data-chart="Requests and errors"]', f => f.dataset.values));
    assert.deepEqual(charted.requests, series.map(p => p.requests));
    assert.deepEqual(charted.errors, series.map(p => p.errors));
    assert.equal(charted.requests.reduce((a, b) => a + b, 0), total);
    assert.equal(charted.errors.reduce((a, b) => a + b, 0), failed + 1);
    const tokens = JSON.parse(await page.$eval('[data-chart="Tokens"]', f => f.dataset.values));
    assert.deepEqual(tokens.input, series.map(p => p.tokens.input));
    assert.ok(tokens.input.some(v => v > 0));
    assert.ok((await page.$$('[data-chart="Requests and errors"] polyline.series')).length >= 2);
    assert.equal((await page.$$('[data-chart="Requests and errors"] rect.hover')).length, series.length);
    assert.match(await text(page, '[data-tile=errors] .value'), new RegExp(`^${failed + 1} \\(`));
    const model = `openai/fake-console-${tag}`;
    const row = await page.$$eval('.columns table.grid tbody tr', (rows, m) => rows.map(r => [...r.cells]
      .map(c => c.textContent)).find(cells => cells[0] === m), model);
    assert.deepEqual(row.slice(0, 3), [model, String(requests - failed), '0.0 %']);
  });

  pageTest('issues a key that works, sees its secret once, and revokes it', () => page, async () => {
    await open(page, '#/keys', 'keys');
    await page.click('details.card > summary');
    const name = `console-made-${tag}`;
    await page.type('#create-key input[name=name]', name);
    await page.select('#create-key select[name=tenant]', tenant);
    await page.evaluate(() => { document.body.dataset.state = 'navigating'; });
    await page.click('#create-key button[type=submit]');
    await ready(page, 'keys');
    const secret = await text(page, '[data-secret]');
    const id = (await page.$eval('dl.facts dd code', c => c.textContent));
    const made = await api(`/admin/keys/${id}`);
    assert.equal(made.body.name, name);
    assert.equal(made.body.tenant, tenant);
    assert.deepEqual(made.body.roles, ['user']);
    assert.equal((await api('/v1/models', secret)).status, 200);

    await open(page, `#/keys/${id}`, 'keys');
    assert.equal(await page.$('[data-secret]'), null, 'the secret is shown once only');

    await open(page, '#/keys', 'keys');
    await page.type('input[name=filter]', name);
    await page.click(`tr[data-key="${id}"] [data-action=revoke]`);
    await page.waitForSelector('dialog.confirm[open]');
    await page.click('dialog.confirm [data-action=confirm]');
    await page.waitForFunction(k => document.querySelector(`tr[data-key="${k}"] [data-col=state]`)?.textContent
      === 'revoked', {}, id);
    assert.notEqual((await api(`/admin/keys/${id}`)).body.revoked_at, null);
    const refused = await api('/v1/models', secret);
    assert.equal(refused.status, 401);
  });

  pageTest('edits a tenant\'s rate limit and budget', () => page, async () => {
    await open(page, `#/tenants/${tenant}`, 'tenants');
    for (const rpm of ['7', '9']) {
      await page.$eval('[data-editor=limits] input[name=requests_per_minute]', i => { i.value = ''; });
      await page.type('[data-editor=limits] input[name=requests_per_minute]', rpm);
      await page.click('[data-editor=limits] button[type=submit]');
      await page.waitForFunction(() => document.querySelector('[data-editor=limits] .notice.ok')?.textContent
        === 'Limits saved.');
      const limits = await api(`/admin/tenants/${tenant}/limits`);
      assert.equal(limits.status, 200);
      assert.equal(limits.body.requests_per_minute, Number(rpm));
      assert.equal(limits.body.mode, 'enforce');
      await page.$eval('[data-editor=limits] .notice.ok', n => n.remove());
    }
    await page.type('[data-editor=budget] input[name=amount]', '5.00');
    await page.click('[data-editor=budget] button[type=submit]');
    await page.waitForFunction(() => document.querySelector('[data-editor=budget] .notice.ok')?.textContent
      === 'Budget saved.');
    const budget = (await api(`/admin/tenants/${tenant}/budget`)).body;
    assert.equal(budget.amount, '5.00');
    assert.equal(budget.currency, 'USD');
    assert.equal(budget.period, 'month');

    await open(page, '#/quotas', 'quotas');
    assert.equal(await text(page, `tr[data-scope="tenant:${tenant}"] [data-col=rpm]`), '9');
    assert.match(await text(page, `tr[data-scope="tenant:${tenant}"] [data-col=budget]`), /of 5\.00 USD spent/);
  });

  pageTest('creates a route, a guardrail set, a price and an alert through their pages', () => page, async () => {
    const documents = [
      ['routes', `console-route-${tag}`, {targets: [{model: `openai/fake-console-${tag}`}]}],
      ['guardrails', `console-rails-${tag}`, {input: [{type: 'deny', patterns: ['(?i)falcon'], action: 'block'}]}],
      ['alerts', `console-alert-${tag}`, {kind: 'budget', scopes: [`tenant:${tenant}`],
        webhook_url: 'http://127.0.0.1:9/console'}],
    ];
    for (const [kind, name, definition] of documents) {
      await open(page, `#/${kind}`, kind);
      await page.click('details.card > summary');
      await page.type(`#create-${kind} input[name=name]`, name);
      await page.$eval(`#create-${kind} textarea`, (t, v) => { t.value = v; }, JSON.stringify(definition));
      await page.evaluate(() => { document.body.dataset.state = 'navigating'; });
      await page.click(`#create-${kind} button[type=submit]`);
      if (kind === 'alerts') {
        await page.waitForSelector('[data-secret]');
        assert.match(await text(page, '[data-secret]'), /^whsec_/);
      } else {
        await ready(page, kind);
      }
      const stored = await api(`/admin/${kind}/${name}`);
      assert.equal(stored.status, 200, `${kind}: ${JSON.stringify(stored.body)}`);
      await open(page, `#/${kind}`, kind);
      assert.ok(await page.$(`tr[data-name="${name}"]`), kind);
    }
    await open(page, '#/routes', 'routes');
    await page.click('details.card > summary');
    await page.type('#create-routes input[name=name]', `console-route-${tag}`);
    await page.click('#create-routes button[type=submit]');
    await page.waitForSelector('main .slot .notice.error');
    assert.equal(await text(page, 'main .slot .notice.error'),
      `"console-route-${tag}" exists already: open it to change it.`);
    assert.equal((await api(`/admin/routes/console-route-${tag}`)).body.version, 1);
    await open(page, `#/routes/console-route-${tag}`, 'routes');
    assert.equal((await page.$$('[data-editor], section.card table.grid tbody tr')).length, 1);

    const application = `console-app-${tag}`;
    const granted = await api(`/admin/applications/${application}`, admin, {method: 'PUT',
      body: JSON.stringify({tenant, allowed_models: ['openai/*']})});
    assert.equal(granted.status, 201, JSON.stringify(granted.body));
    await open(page, `#/applications/${application}`, 'applications');
    assert.deepEqual(JSON.parse(await page.$eval('#edit-applications textarea', t => t.value)),
      {key_id: granted.body.key_id});
    await page.click('#edit-applications button[type=submit]');
    await page.waitForFunction(() => document.querySelector('main .slot .notice.ok')?.textContent === 'Saved.');
    const kept = (await api(`/admin/applications/${application}`)).body;
    assert.equal(kept.key_id, granted.body.key_id);
    assert.deepEqual(kept.allowed_models, ['openai/*']);

    await open(page, '#/prices', 'prices');
    await page.click('details.card > summary');
    const model = `openai/fake-console-${tag}`;
    await page.$eval('#new-price textarea', (t, v) => { t.value = v; }, JSON.stringify({model, currency: 'EUR',
      input_per_million: '1.25', output_per_million: '5'}));
    await page.click('#new-price button[type=submit]');
    await page.waitForSelector(`tr[data-model="${model}"]`);
    assert.equal(await text(page, `tr[data-model="${model}"] [data-col=input]`), '1.25');
    const prices = (await api('/admin/prices')).body.data.filter(p => p.model === model);
    assert.equal(prices.length, 1);
    assert.equal(prices[0].currency, 'EUR');
  });

  pageTest('searches the audit trail and exports what it found as CSV and JSON Lines', () => page, async () => {
    await open(page, `#/audit?key_id=${userKeyId}&operation=chat`, 'audit');
    await page.waitForFunction(() => !document.querySelector('.results[aria-busy]'));
    const ids = await page.$$eval('tr[data-id]', rows => rows.map(r => r.dataset.id));
    const expected = (await api(`/compliance/audit?key_id=${userKeyId}&operation=chat&limit=1000`)).body.data
      .map(r => r.id);
    assert.equal(expected.length, requests);
    assert.deepEqual(ids, expected);
    assert.equal(await text(page, '[data-count]'), `${requests} matching records`);
    const statuses = await texts(page, 'tr[data-id] [data-col=status]');
    assert.equal(statuses.filter(s => s.startsWith('200')).length, requests - failed);

    for (const [format, file] of [['csv', 'aigw-audit.csv'], ['jsonl', 'aigw-audit.jsonl']]) {
      await page.click(`[data-export=${format}]`);
      await page.waitForFunction(() => document.querySelector('main .slot .notice.ok')?.textContent
        .startsWith('Exported'), {timeout: 30000});
      const path = join(downloads, file);
      await waitFor(() => readdirSync(downloads).includes(file));
      const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter(Boolean);
      if (format === 'csv') {
        assert.match(lines[0], /^id,/);
        assert.equal(lines.length, requests + 1);
        assert.deepEqual(lines.slice(1).map(l => l.split(',')[0]), expected);
      } else {
        assert.equal(lines.length, requests);
        assert.deepEqual(lines.map(l => JSON.parse(l).id), expected);
        assert.ok(lines.every(l => JSON.parse(l).key_id === userKeyId));
      }
      await page.$eval('main .slot .notice.ok', n => n.remove());
    }
    const chains = (await api('/compliance/audit/verify')).body;
    await page.click('[data-action=verify]');
    await page.waitForFunction(() => /verified/.test(document.querySelector('main .slot .notice')?.textContent));
    assert.equal(await page.$eval('main .slot .notice', n => n.classList.contains('ok')), chains.first_break === null,
      JSON.stringify(chains));

    assert.equal(await page.$eval(`tr[data-id="${expected[0]}"] [data-col=id] a`, a => a.getAttribute('href')),
      `#/audit/${expected[0]}`);
    await open(page, `#/audit/${expected[0]}`, 'audit');
    assert.equal(await text(page, '[data-field=id]'), expected[0]);
    assert.equal(await text(page, '[data-field=key_id]'), userKeyId);
  });
});

describe('an auditor key', () => {
  pageTest('reads every tenant\'s audit trail and verifies it, and manages nothing', () => null, async () => {
    const made = await api('/admin/keys', admin, {method: 'POST', body: JSON.stringify({name: `console-auditor-${tag}`,
      roles: ['auditor']})});
    assert.equal(made.status, 201);
    const session = await signIn(browser, base, made.body.key, 'audit');
    const {page} = session;
    assert.deepEqual(await texts(page, 'nav a'), ['Audit trail', 'Usage']);
    assert.ok(await page.$('input[name=tenant]'), 'an auditor filters by tenant');
    assert.ok(await page.$('[data-action=verify]'), 'an auditor verifies the chains');
    await page.waitForFunction(() => !document.querySelector('.results[aria-busy]'));
    await page.type('input[name=tenant]', tenant);
    await page.type('input[name=key_id]', userKeyId);
    await page.click('#audit-search button[type=submit]');
    await page.waitForFunction(n => document.querySelectorAll('tr[data-id]').length === n
      && !document.querySelector('.results[aria-busy]'), {}, requests + 1);
    assert.deepEqual([...new Set(await texts(page, 'tr[data-id] [data-col=tenant]'))], [tenant]);
    await open(page, '#/keys', 'refused:keys');
    assert.match(await text(page, 'main .notice.error'), /needs a key with the admin role/);
    assert.deepEqual(session.errors, []);
    await session.context.close();
  });
});

describe('a compliance key', () => {
  let page;
  let errors;

  before(async () => {
    const session = await signIn(browser, base, compliance, 'audit');
    page = session.page;
    errors = session.errors;
  });

  after(() => {
    assert.deepEqual(errors, []);
  });

  pageTest('sees the audit views of its own tenant only', () => page, async () => {
    assert.deepEqual(await texts(page, 'nav a'), ['Audit trail', 'Usage']);
    await page.waitForFunction(() => !document.querySelector('.results[aria-busy]'));
    const tenants = await texts(page, 'tr[data-id] [data-col=tenant]');
    assert.ok(tenants.length > 0);
    assert.deepEqual([...new Set(tenants)], [tenant]);
    assert.equal(await page.$('input[name=tenant]'), null);
    assert.equal(await page.$('[data-action=verify]'), null);
    await open(page, '#/usage', 'usage');
    const groups = await page.$$eval('tr[data-group]', rows => rows.map(r => r.dataset.group));
    assert.ok(groups.includes(`openai/fake-console-${tag}`), groups.join());
  });

  pageTest('is refused on every admin page, and by the API behind it', () => page, async () => {
    for (const name of ['overview', 'connections', 'keys', 'tenants', 'applications', 'quotas', 'prices', 'routes',
      'guardrails', 'alerts']) {
      await open(page, `#/${name}`, `refused:${name}`);
      assert.match(await text(page, 'main .notice.error'), /needs a key with the admin role/);
      assert.equal(await page.$('table.grid'), null);
    }
    const statuses = await page.evaluate(async () => {
      const key = sessionStorage.getItem('aigw.console.key');
      const out = [];
      for (const path of ['/admin/keys', '/admin/connections', '/admin/limits', '/admin/analytics']) {
        out.push((await fetch(path, {headers: {Authorization: `Bearer ${key}`}})).status);
      }
      return out;
    });
    assert.deepEqual(statuses, [403, 403, 403, 403]);
  });

  pageTest('is signed out when its key is revoked', () => page, async () => {
    const me = (await api('/compliance/me', compliance)).body;
    assert.equal((await api(`/admin/keys/${me.key_id}`, admin, {method: 'DELETE'})).status, 200);
    await page.evaluate(() => { document.body.dataset.state = 'navigating'; location.hash = '#/audit'; });
    await ready(page, 'sign-in');
    assert.equal(await text(page, '#sign-in .notice'),
      'The gateway no longer accepts this key (revoked or expired). Sign in again.');
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  });
});

describe('an idle console', () => {
  pageTest('signs out once no input came for the idle timeout, and forgets the key', () => null, async () => {
    const session = await signIn(browser, base, admin, 'overview');
    const {page} = session;
    await open(page, '#/keys', 'keys');
    await page.click('input[name=filter]');
    const active = Number(await page.evaluate(() => sessionStorage.getItem('aigw.console.active')));
    assert.ok(Date.now() - active < 60000);
    await page.evaluate(() => sessionStorage.setItem('aigw.console.active', String(Date.now() - 1801 * 1000)));
    await open(page, '#/tenants', 'sign-in');
    assert.equal(await text(page, '#sign-in .notice'), 'Signed out after 30 minutes without activity.');
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    assert.deepEqual(session.errors, []);
    await session.context.close();
  });
});

async function waitFor(condition, ms = 10000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('timed out');
    }
    await new Promise(r => setTimeout(r, 50));
  }
}
