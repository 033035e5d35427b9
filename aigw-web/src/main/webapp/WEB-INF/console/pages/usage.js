// Usage: requests, errors, latency, tokens and spend grouped by tenant, key, model, route or operation, from the
// usage analytics (the caller's tenant for a compliance key: /compliance/analytics; every tenant otherwise).

import {get} from '../api.js';
import {timeChart} from '../charts.js';
import {clear, field, fmt, h, notice, select, table, timeZone} from '../dom.js';
import {RANGES, rangeQuery} from '../ranges.js';
import {isAdmin} from '../session.js';

const GROUPS = [['model', 'model'], ['key', 'key'], ['route', 'route'], ['operation', 'operation'],
  ['tenant', 'tenant']];
const ORDERS = [['requests', 'requests'], ['cost', 'spend'], ['tokens', 'tokens'], ['errors', 'errors']];

export async function render(container, {signal, me}) {
  const path = isAdmin(me) ? '/admin/analytics' : '/compliance/analytics';
  const range = select(RANGES, '7d', {name: 'range'});
  const group = select(me.audit_scope ? GROUPS.filter(g => g[0] !== 'tenant') : GROUPS, 'model', {name: 'group_by'});
  const order = select(ORDERS, 'requests', {name: 'order_by'});
  const body = h('div', {});
  let currencies = {};
  const show = async () => {
    body.setAttribute('aria-busy', 'true');
    try {
      const q = {...rangeQuery(range.value), time_zone: timeZone(), group_by: group.value, order_by: order.value,
        limit: 25, currency: order.value === 'cost' ? largest(currencies) : ''};
      const answer = await get(path, {signal, query: q});
      currencies = answer.total.cost;
      const top = answer.data.slice(0, 5);
      const name = g => Object.values(g)[0] || '(none)';
      clear(body,
        top.length ? timeChart({title: `Requests by ${group.value}`, hourly: q.interval === 'hour',
          starts: top[0].series.map(p => p.start), format: v => fmt.int(v),
          series: top.map(g => ({name: name(g.group), values: g.series.map(p => p.requests)}))}) : null,
        table([
          {label: group.value, key: 'group', value: g => name(g.group)},
          {label: 'requests', value: g => fmt.int(g.requests), class: 'num'},
          {label: 'errors', value: g => `${fmt.int(g.errors)} (${fmt.pct(g.error_rate)})`, class: 'num'},
          {label: 'p50', value: g => fmt.ms(g.latency_ms.p50), class: 'num'},
          {label: 'p95', value: g => fmt.ms(g.latency_ms.p95), class: 'num'},
          {label: 'input tokens', value: g => fmt.int(g.tokens.input), class: 'num'},
          {label: 'output tokens', value: g => fmt.int(g.tokens.output), class: 'num'},
          {label: 'spend', value: g => fmt.money(g.cost), class: 'num'},
        ], answer.data, {empty: 'No requests in this range.', rowProps: g => ({'data-group': name(g.group)})}),
        h('p', {class: 'hint'}, `${answer.groups_total} groups; total ${fmt.int(answer.total.requests)} requests, `,
          `${fmt.money(answer.total.cost)}.`));
    } catch (e) {
      if (e.name !== 'AbortError') {
        clear(body, notice('error', e.message));
      }
    }
    body.removeAttribute('aria-busy');
  };
  for (const control of [range, group, order]) {
    control.addEventListener('change', show);
  }
  clear(container, h('h1', {}, 'Usage'),
    h('p', {class: 'lead'}, me.audit_scope ? `Tenant ${me.audit_scope}.` : 'Every tenant.',
      ' From the usage aggregates: fast over long ranges, and kept past audit retention.'),
    h('form', {class: 'toolbar', onsubmit: e => e.preventDefault()}, field('Range', range), field('Group by', group),
      field('Order by', order)), body);
  await show();
}

/** The currency most was spent in: spend is ranked in one currency. */
function largest(cost) {
  const entries = Object.entries(cost || {}).sort((a, b) => Number(b[1]) - Number(a[1]));
  return entries.length ? entries[0][0] : '';
}
