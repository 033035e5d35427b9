// Limits and budgets of every tenant and key that has its own (GET /admin/limits, /admin/budgets), each linking
// to its editor.

import {get, seg} from '../api.js';
import {clear, fmt, h, table} from '../dom.js';
import {standing} from '../policies.js';

export async function render(container, {signal}) {
  const [limits, budgets, keys] = await Promise.all([get('/admin/limits', {signal}),
    get('/admin/budgets', {signal}), get('/admin/keys', {signal})]);
  const names = new Map(keys.data.map(k => [k.id, `${k.name} (${k.tenant})`]));
  const scopes = new Map();
  const entry = scope => {
    if (!scopes.has(scope)) {
      const [kind, ...rest] = scope.split(':');
      const id = rest.join(':');
      scopes.set(scope, {scope, kind, id, label: kind === 'key' ? names.get(id) || id : id,
        href: `#/${kind === 'key' ? 'keys' : 'tenants'}/${seg(id)}`});
    }
    return scopes.get(scope);
  };
  limits.data.forEach(l => { entry(l.scope).limits = l; });
  budgets.data.forEach(b => { entry(b.scope).budget = b; });
  const rows = [...scopes.values()].sort((a, b) => (a.kind === b.kind ? a.id.localeCompare(b.id)
    : a.kind === 'tenant' ? -1 : 1));
  clear(container, h('h1', {}, 'Limits & budgets'),
    h('p', {class: 'lead'}, 'Tenants and keys with limits or a budget of their own; keys without limits get the ',
      'defaults (aigw.limits.default.*). Open one to change it.'),
    table([
      {label: 'scope', key: 'scope', value: s => h('span', {}, h('span', {class: 'badge'}, s.kind), ' ',
        h('a', {href: s.href}, s.label))},
      {label: 'requests / min', key: 'rpm', value: s => s.limits ? fmt.int(s.limits.requests_per_minute) : '–',
        class: 'num'},
      {label: 'tokens / min', key: 'tpm', value: s => s.limits ? fmt.int(s.limits.tokens_per_minute) : '–',
        class: 'num'},
      {label: 'concurrent', value: s => s.limits ? fmt.int(s.limits.concurrent_requests) : '–', class: 'num'},
      {label: 'mode', value: s => s.limits ? s.limits.mode : ''},
      {label: 'budget', key: 'budget', value: s => s.budget ? standing(s.budget) : '–'},
    ], rows, {empty: 'No tenant or key has limits or a budget of its own.',
      rowProps: s => ({'data-scope': s.scope})}));
}
