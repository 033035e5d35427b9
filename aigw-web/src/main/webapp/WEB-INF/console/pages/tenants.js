// Tenants: create, rename, delete, and each tenant's keys, limits and budget (/admin/tenants).

import {del, get, patch, post, seg} from '../api.js';
import {clear, confirmAction, field, fmt, h, say, table} from '../dom.js';
import {budgetEditor, limitsEditor} from '../policies.js';

export async function render(container, {args, signal}) {
  if (args[0]) {
    return detail(container, args[0], signal);
  }
  const [tenants, keys] = await Promise.all([get('/admin/tenants', {signal}), get('/admin/keys', {signal})]);
  const active = id => keys.data.filter(k => k.tenant === id && !k.revoked_at).length;
  const slot = h('div', {class: 'slot'});
  const id = h('input', {name: 'id', required: true, pattern: '[A-Za-z0-9._\\-]+', maxlength: 64});
  const name = h('input', {name: 'name'});
  const form = h('form', {class: 'grid-form', id: 'create-tenant', onsubmit: async e => {
    e.preventDefault();
    try {
      const made = await post('/admin/tenants', {id: id.value.trim(), ...(name.value.trim()
        ? {name: name.value.trim()} : {})});
      location.hash = `#/tenants/${seg(made.id)}`;
    } catch (err) {
      say(slot, 'error', err.message);
    }
  }}, field('Id', id, 'letters, digits, . _ -'), field('Name', name),
  h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Create tenant')));
  clear(container, h('h1', {}, 'Tenants'), h('details', {class: 'card'}, h('summary', {}, 'Create a tenant'), form),
    slot, table([
      {label: 'id', key: 'id', value: t => h('a', {href: `#/tenants/${seg(t.id)}`}, t.id)},
      {label: 'name', value: t => t.name || ''},
      {label: 'active keys', value: t => fmt.int(active(t.id)), class: 'num'},
      {label: 'guardrails', value: t => fmt.list(t.guardrails)},
      {label: 'created', value: t => fmt.date(t.created_at)},
    ], tenants.data, {rowProps: t => ({'data-tenant': t.id})}));
}

async function detail(container, id, signal) {
  const t = await get(`/admin/tenants/${seg(id)}`, {signal});
  const keys = (await get('/admin/keys', {signal})).data.filter(k => k.tenant === t.id);
  const slot = h('div', {class: 'slot'});
  const name = h('input', {name: 'name', value: t.name || ''});
  const form = h('form', {class: 'grid-form', onsubmit: async e => {
    e.preventDefault();
    try {
      await patch(`/admin/tenants/${seg(t.id)}`, {name: name.value.trim()});
      say(slot, 'ok', 'Saved.');
    } catch (err) {
      say(slot, 'error', err.message);
    }
  }}, field('Name', name), h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Save'),
    t.id === 'default' ? null : h('button', {type: 'button', class: 'danger', onclick: async () => {
      if (await confirmAction(`Delete the tenant "${t.id}"? Only a tenant without active keys can be deleted.`,
        'Delete')) {
        try {
          await del(`/admin/tenants/${seg(t.id)}`);
          location.hash = '#/tenants';
        } catch (err) {
          say(slot, 'error', err.message);
        }
      }
    }}, 'Delete tenant')), slot);
  const scope = `/admin/tenants/${seg(t.id)}`;
  const [limits, budget] = await Promise.all([limitsEditor(scope, `tenant:${t.id}`, signal),
    budgetEditor(scope, `tenant:${t.id}`, signal)]);
  clear(container, h('p', {class: 'crumbs'}, h('a', {href: '#/tenants'}, 'Tenants'), ' / ', t.id),
    h('h1', {}, t.name || t.id), h('section', {class: 'card'}, h('h2', {}, 'Tenant'), form),
    limits, budget,
    h('section', {class: 'card'}, h('h2', {}, 'Keys'), table([
      {label: 'name', value: k => h('a', {href: `#/keys/${seg(k.id)}`}, k.name)},
      {label: 'id', value: k => h('code', {}, k.id)},
      {label: 'roles', value: k => fmt.list(k.roles)},
      {label: 'state', value: k => k.revoked_at ? 'revoked' : 'active'},
    ], keys, {empty: 'This tenant has no keys.'})));
}
