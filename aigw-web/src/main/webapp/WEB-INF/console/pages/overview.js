// Overview: traffic, errors, latency, tokens and spend over time, and who and what drives them, from the
// usage analytics (GET /admin/analytics).

import {get} from '../api.js';
import {timeChart} from '../charts.js';
import {clear, field, fmt, h, select, table, timeZone} from '../dom.js';
import {RANGES, rangeQuery} from '../ranges.js';

export async function render(container, {signal}) {
  const tenants = (await get('/admin/tenants', {signal})).data;
  const range = select(RANGES, '24h', {name: 'range'});
  const tenant = select([['', 'Every tenant'], ...tenants.map(t => [t.id, t.name || t.id])], '', {name: 'tenant'});
  const body = h('div', {class: 'overview-body'});
  const reload = () => show(body, range.value, tenant.value, signal).catch(e => {
    if (e.name !== 'AbortError') {
      clear(body, h('div', {class: 'notice error', role: 'alert'}, e.message));
    }
  });
  range.addEventListener('change', reload);
  tenant.addEventListener('change', reload);
  clear(container, h('h1', {}, 'Overview'),
    h('form', {class: 'toolbar', onsubmit: e => e.preventDefault()}, field('Range', range), field('Tenant', tenant)),
    body);
  await show(body, range.value, tenant.value, signal);
}

async function show(body, range, tenant, signal) {
  body.setAttribute('aria-busy', 'true');
  const base = {...rangeQuery(range), time_zone: timeZone(), tenant};
  const total = await get('/admin/analytics', {signal, query: base});
  const currency = mainCurrency(total.total.cost);
  const noSeries = {from: base.from, to: base.to, time_zone: base.time_zone, tenant};
  const [models, keys] = await Promise.all([
    get('/admin/analytics', {signal, query: {...noSeries, group_by: 'model', order_by: 'requests', limit: 10}}),
    get('/admin/analytics', {signal, query: {...noSeries, group_by: 'key', limit: 10,
      order_by: currency ? 'cost' : 'requests', currency}}),
  ]);
  const t = total.total;
  const series = total.data.length ? total.data[0].series : [];
  const starts = series.map(p => p.start);
  const hourly = base.interval === 'hour';
  clear(body,
    h('div', {class: 'tiles'},
      tile('Requests', fmt.int(t.requests), 'requests'),
      tile('Errors', `${fmt.int(t.errors)} (${fmt.pct(t.error_rate)})`, 'errors'),
      tile('Latency p95', fmt.ms(t.latency_ms.p95), 'p95'),
      tile('Tokens', fmt.int(t.tokens.total), 'tokens'),
      tile('Spend', fmt.money(t.cost), 'spend')),
    h('div', {class: 'charts'},
      timeChart({title: 'Requests and errors', starts, hourly, format: compact,
        series: [{name: 'requests', values: series.map(p => p.requests)},
          {name: 'errors', values: series.map(p => p.errors)}]}),
      timeChart({title: 'Latency', starts, hourly, format: v => fmt.ms(v),
        series: [{name: 'p50', values: series.map(p => p.latency_ms.p50)},
          {name: 'p95', values: series.map(p => p.latency_ms.p95)}]}),
      timeChart({title: 'Tokens', starts, hourly, format: compact,
        series: [{name: 'input', values: series.map(p => p.tokens.input)},
          {name: 'output', values: series.map(p => p.tokens.output)}]}),
      timeChart({title: currency ? `Spend (${currency})` : 'Spend', starts, hourly,
        format: v => v.toFixed(v >= 10 ? 0 : 2),
        series: [{name: currency || 'none', values: series.map(p => Number((p.cost || {})[currency] || 0))}]})),
    h('div', {class: 'columns'},
      h('div', {}, h('h2', {}, 'Top models'), groupTable(models.data, 'model', g => g.model || '(none)')),
      h('div', {}, h('h2', {}, currency ? 'Top keys by spend' : 'Top keys'),
        groupTable(keys.data, 'key', g => g.key_id ? h('a', {href: `#/keys/${encodeURIComponent(g.key_id)}`},
          g.key_id) : '(none)'))));
  body.removeAttribute('aria-busy');
}

function tile(label, value, name) {
  return h('div', {class: 'tile', 'data-tile': name}, h('span', {class: 'label'}, label),
    h('strong', {class: 'value'}, value));
}

function groupTable(rows, name, group) {
  return table([
    {label: name, key: name, value: r => group(r.group)},
    {label: 'requests', value: r => fmt.int(r.requests), class: 'num'},
    {label: 'errors', value: r => fmt.pct(r.error_rate), class: 'num'},
    {label: 'p95', value: r => fmt.ms(r.latency_ms.p95), class: 'num'},
    {label: 'tokens', value: r => fmt.int(r.tokens.total), class: 'num'},
    {label: 'spend', value: r => fmt.money(r.cost), class: 'num'},
  ], rows, {empty: 'No requests in this range.'});
}

/** The currency most was spent in (analytics ranks cost in one currency). */
function mainCurrency(cost) {
  let best = null;
  for (const [currency, amount] of Object.entries(cost || {})) {
    if (best === null || Number(amount) > Number(cost[best])) {
      best = currency;
    }
  }
  return best;
}

function compact(v) {
  if (v >= 1e6) {
    return `${(v / 1e6).toFixed(v >= 1e7 ? 0 : 1)}M`;
  }
  if (v >= 1e3) {
    return `${(v / 1e3).toFixed(v >= 1e4 ? 0 : 1)}k`;
  }
  return String(Math.round(v * 100) / 100);
}
