// The audit trail: search with the compliance filters, a page at a time, each record in full, the hash chains
// verified, and every matching record exported as CSV or JSON Lines (/compliance/audit).

import {call, get, seg, withQuery} from '../api.js';
import {clear, download, field, fmt, h, localInput, notice, say, select, table} from '../dom.js';
import {readsEveryTenant} from '../session.js';

const PAGE = 50;
const OPERATIONS = ['', 'chat', 'embeddings', 'models', 'admin', 'compliance', 'metrics', 'webhook', 'other'];
const STATES = ['', 'completed', 'in_progress', 'interrupted'];
const TEXT_FILTERS = [
  ['key_id', 'Key id'], ['model', 'Model'], ['status', 'Status', '429 or 4xx'], ['error_code', 'Error code'],
  ['principal', 'Principal'], ['connection', 'Connection'],
];

export async function render(container, {args, query, signal, me}) {
  if (args[0]) {
    return record(container, args[0], signal);
  }
  const everyTenant = readsEveryTenant(me);
  const inputs = {
    from: h('input', {type: 'datetime-local', name: 'from', step: 1}),
    to: h('input', {type: 'datetime-local', name: 'to', step: 1}),
    operation: select(OPERATIONS.map(o => [o, o || 'any']), '', {name: 'operation'}),
    state: select(STATES.map(s => [s, s || 'any']), '', {name: 'state'}),
  };
  if (everyTenant) {
    inputs.tenant = h('input', {name: 'tenant'});
  }
  for (const [name, , hint] of TEXT_FILTERS) {
    inputs[name] = h('input', {name, placeholder: hint || ''});
  }
  for (const [name, value] of query.entries()) {
    if (inputs[name]) {
      inputs[name].value = name === 'from' || name === 'to' ? localInput(value) : value;
    }
  }
  const results = h('div', {class: 'results'});
  const slot = h('div', {class: 'slot'});
  const cursors = [];
  const filters = () => {
    const out = {};
    for (const [name, input] of Object.entries(inputs)) {
      const v = input.value.trim();
      if (v) {
        out[name] = name === 'from' || name === 'to' ? new Date(v).toISOString() : v;
      }
    }
    return out;
  };
  const search = async cursor => {
    const f = filters();
    history.replaceState(null, '', withQuery('#/audit', f));
    results.setAttribute('aria-busy', 'true');
    try {
      const page = await get('/compliance/audit', {signal, query: {...f, limit: PAGE, cursor,
        total: cursor ? '' : 'true'}});
      if (!cursor) {
        results.dataset.total = page.total ?? '';
        results.dataset.totalExact = page.total_exact ?? '';
      }
      show(results, page, cursors, search);
    } catch (e) {
      clear(results, notice('error', e.message));
    }
    results.removeAttribute('aria-busy');
  };
  const form = h('form', {class: 'filters', id: 'audit-search', onsubmit: e => {
    e.preventDefault();
    cursors.length = 0;
    search(undefined);
  }},
  field('From', inputs.from), field('To', inputs.to), inputs.tenant ? field('Tenant', inputs.tenant) : null,
  TEXT_FILTERS.map(([name, label]) => field(label, inputs[name])),
  field('Operation', inputs.operation), field('State', inputs.state),
  h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Search'),
    h('button', {type: 'button', 'data-export': 'csv', onclick: () => exportAll('csv', filters(), slot)},
      'Export CSV'),
    h('button', {type: 'button', 'data-export': 'jsonl', onclick: () => exportAll('jsonl', filters(), slot)},
      'Export JSON Lines'),
    everyTenant ? h('button', {type: 'button', 'data-action': 'verify', onclick: () => verify(filters(), slot)},
      'Verify hash chains') : null));
  clear(container, h('h1', {}, 'Audit trail'),
    h('p', {class: 'lead'}, everyTenant ? 'Every tenant\'s requests, newest first.'
      : `The requests of tenant ${me.audit_scope}, newest first.`, ' Every search and export is itself on record.'),
    form, slot, results);
  await search(undefined);
}

function show(results, page, cursors, search) {
  const total = results.dataset.total;
  const exact = results.dataset.totalExact === 'true';
  clear(results,
    h('p', {class: 'hint', 'data-count': page.count}, total !== '' && total !== undefined
      ? `${fmt.int(Number(total))}${exact ? '' : '+'} matching records` : `${page.count} records on this page`),
    table([
      {label: 'time', key: 'time', value: r => fmt.time(r.occurred_at), class: 'nowrap'},
      {label: 'operation', key: 'operation', value: r => r.operation},
      {label: 'status', key: 'status', value: r => status(r)},
      {label: 'model', key: 'model', value: r => r.model_resolved || r.model_requested || ''},
      {label: 'key', key: 'key', value: r => r.principal ? `${r.principal} (${r.key_id})` : (r.key_id || '')},
      {label: 'tenant', key: 'tenant', value: r => r.tenant || ''},
      {label: 'tokens in / out', value: r => r.input_tokens === null ? '' : `${fmt.int(r.input_tokens)} / `
        + `${fmt.int(r.output_tokens)}`, class: 'num'},
      {label: 'latency', value: r => fmt.ms(r.latency_ms), class: 'num'},
      {label: 'request', key: 'id', value: r => h('a', {href: `#/audit/${seg(r.id)}`}, h('code', {}, r.id.slice(0, 13)))},
    ], page.data, {empty: 'No record matches.', rowProps: r => ({'data-id': r.id})}),
    h('div', {class: 'pager'},
      cursors.length ? h('button', {type: 'button', 'data-action': 'previous', onclick: () => {
        cursors.pop();
        search(cursors[cursors.length - 1]);
      }}, 'Previous page') : null,
      page.next_cursor ? h('button', {type: 'button', 'data-action': 'next', onclick: () => {
        cursors.push(page.next_cursor);
        search(page.next_cursor);
      }}, 'Next page') : null));
}

function status(r) {
  if (r.status === null) {
    return h('span', {class: 'badge warn'}, r.state.replace('_', ' '));
  }
  const bad = r.status >= 400;
  return h('span', {class: `badge ${bad ? 'bad' : 'ok'}`, title: r.error_message || ''},
    `${r.status}${r.error_code ? ` ${r.error_code}` : ''}`);
}

async function exportAll(format, filters, slot) {
  say(slot, 'info', 'Exporting…');
  try {
    const response = await call('/compliance/audit/export', {query: {...filters, format}, raw: true});
    const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
    const blob = await response.blob();
    download(blob, name ? name[1] : `aigw-audit.${format}`);
    say(slot, 'ok', `Exported ${fmt.int(blob.size)} bytes (${format === 'csv' ? 'CSV' : 'JSON Lines'}).`);
  } catch (e) {
    say(slot, 'error', e.message);
  }
}

async function verify(filters, slot) {
  say(slot, 'info', 'Verifying…');
  try {
    const result = await get('/compliance/audit/verify', {query: {from: filters.from, to: filters.to}});
    if (result.first_break) {
      say(slot, 'error', `The chain of node ${result.first_break.node} breaks at sequence ${result.first_break.seq}`,
        result.first_break.id ? ` (record ${result.first_break.id})` : '', `; ${fmt.int(result.verified)} `,
        'events verified before it.');
    } else {
      say(slot, 'ok', `${fmt.int(result.verified)} events verified, the hash chains are whole`,
        result.unchained ? ` (${fmt.int(result.unchained)} from before chaining)` : '', '.');
    }
  } catch (e) {
    say(slot, 'error', e.message);
  }
}

async function record(container, id, signal) {
  const r = await get(`/compliance/audit/${seg(id)}`, {signal});
  const {details, ...fields} = r;
  clear(container, h('p', {class: 'crumbs'}, h('a', {href: '#/audit'}, 'Audit trail'), ' / ', id),
    h('h1', {}, `${r.operation} ${r.path || ''}`),
    h('dl', {class: 'facts record'}, Object.entries(fields).map(([k, v]) => [h('dt', {}, k),
      h('dd', {'data-field': k}, v === null ? '–' : String(v))])),
    details ? h('section', {class: 'card'}, h('h2', {}, 'Details'),
      h('pre', {class: 'json'}, JSON.stringify(details, null, 2))) : null);
}
