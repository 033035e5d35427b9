// Keys: issue (the secret shown once), list, change, rotate and revoke gateway keys, and each key's limits and budget
// (/admin/keys).

import {del, get, patch, post, seg} from '../api.js';
import {clear, confirmAction, field, fmt, h, localInput, notice, say, secretBox, select, table} from '../dom.js';
import {budgetEditor, limitsEditor} from '../policies.js';
import * as session from '../session.js';

const ROLES = ['user', 'compliance', 'auditor', 'metrics', 'admin'];

/** A key just issued, shown once on its page (held in memory only, never stored). */
let issued = null;

export async function render(container, {args, signal}) {
  if (args[0]) {
    return detail(container, args[0], signal);
  }
  const [keys, tenants] = await Promise.all([get('/admin/keys', {signal}), get('/admin/tenants', {signal})]);
  const slot = h('div', {class: 'slot'});
  const filter = h('input', {type: 'search', name: 'filter', placeholder: 'Filter by name, id, tenant or role'});
  const showRevoked = h('input', {type: 'checkbox', name: 'revoked'});
  const list = h('div', {});
  const draw = () => {
    const text = filter.value.trim().toLowerCase();
    const rows = keys.data.filter(k => (showRevoked.checked || !k.revoked_at)
      && (!text || [k.id, k.name, k.tenant, ...k.roles].some(v => String(v).toLowerCase().includes(text))));
    clear(list, table([
      {label: 'name', key: 'name', value: k => h('a', {href: `#/keys/${seg(k.id)}`}, k.name)},
      {label: 'id', key: 'id', value: k => h('code', {}, k.id)},
      {label: 'tenant', value: k => k.tenant},
      {label: 'roles', value: k => fmt.list(k.roles)},
      {label: 'models', value: k => k.allowed_models.length ? fmt.list(k.allowed_models) : 'all'},
      {label: 'created', value: k => fmt.date(k.created_at)},
      {label: 'state', key: 'state', value: k => state(k)},
      {label: '', key: 'actions', value: k => k.revoked_at ? '' : h('button', {type: 'button', class: 'danger small',
        'data-action': 'revoke', onclick: () => revoke(k, slot)}, 'Revoke')},
    ], rows, {empty: 'No keys match.', rowProps: k => ({'data-key': k.id, 'data-name': k.name})}));
  };
  filter.addEventListener('input', draw);
  showRevoked.addEventListener('change', draw);
  draw();
  clear(container, h('h1', {}, 'Keys'), createForm(tenants.data, slot), slot,
    h('div', {class: 'toolbar'}, filter, h('label', {class: 'check'}, showRevoked, ' show revoked')), list);
}

function state(k) {
  if (k.revoked_at) {
    return h('span', {class: 'badge bad'}, 'revoked');
  }
  if (k.expires_at && new Date(k.expires_at) <= new Date()) {
    return h('span', {class: 'badge bad'}, 'expired');
  }
  return h('span', {class: 'badge ok'}, k.expires_at ? `active until ${fmt.date(k.expires_at)}` : 'active');
}

function roleBoxes(chosen) {
  return h('span', {class: 'roles-input'}, ROLES.map(r => h('label', {class: 'check'},
    h('input', {type: 'checkbox', name: 'role', value: r, checked: chosen.includes(r)}), ` ${r}`)));
}

function chosenRoles(form) {
  return [...form.querySelectorAll('input[name=role]:checked')].map(i => i.value);
}

function models(text) {
  return text.split(',').map(s => s.trim()).filter(Boolean);
}

function createForm(tenants, slot) {
  const name = h('input', {name: 'name', required: true, maxlength: 200});
  const tenant = select(tenants.map(t => t.id), 'default', {name: 'tenant'});
  const allowed = h('input', {name: 'allowed_models', placeholder: 'all models; or openai/*-mini, route-a'});
  const expires = h('input', {name: 'expires_at', type: 'datetime-local', step: 1});
  const form = h('form', {class: 'grid-form', id: 'create-key', onsubmit: async e => {
    e.preventDefault();
    try {
      const body = {name: name.value.trim(), tenant: tenant.value, roles: chosenRoles(form),
        allowed_models: models(allowed.value)};
      if (expires.value) {
        body.expires_at = new Date(expires.value).toISOString();
      }
      const made = await post('/admin/keys', body);
      issued = {id: made.id, key: made.key};
      location.hash = `#/keys/${seg(made.id)}`;
    } catch (err) {
      say(slot, 'error', err.message);
    }
  }},
  field('Name', name), field('Tenant', tenant), field('Roles', roleBoxes(['user'])),
  field('Allowed models', allowed, 'comma separated; * matches anything'), field('Expires', expires),
  h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Issue key')));
  return h('details', {class: 'card'}, h('summary', {}, 'Issue a key'), form);
}

async function revoke(k, slot) {
  const own = session.caller()?.key_id === k.id ? ' It is the key this console is signed in with: you will be signed out.'
    : '';
  if (!await confirmAction(`Revoke the key "${k.name}" (${k.id})? Requests with it are refused from now on.${own}`,
    'Revoke')) {
    return;
  }
  try {
    await del(`/admin/keys/${seg(k.id)}`);
    say(slot, 'ok', `The key "${k.name}" is revoked.`);
    const row = document.querySelector(`tr[data-key="${CSS.escape(k.id)}"]`);
    if (row) {
      row.querySelector('[data-col=state]').replaceChildren(h('span', {class: 'badge bad'}, 'revoked'));
      row.querySelector('[data-col=actions]').replaceChildren();
    }
  } catch (err) {
    say(slot, 'error', err.message);
  }
}

async function detail(container, id, signal) {
  const k = await get(`/admin/keys/${seg(id)}`, {signal});
  const slot = h('div', {class: 'slot'});
  const shown = issued && issued.id === k.id ? secretBox('The new key', issued.key) : null;
  issued = null;
  const name = h('input', {name: 'name', value: k.name, required: true});
  const allowed = h('input', {name: 'allowed_models', value: k.allowed_models.join(', ')});
  const expires = h('input', {name: 'expires_at', type: 'datetime-local', step: 1,
    value: k.expires_at ? localInput(k.expires_at) : ''});
  const form = h('form', {class: 'grid-form', id: 'edit-key', onsubmit: async e => {
    e.preventDefault();
    try {
      await patch(`/admin/keys/${seg(k.id)}`, {name: name.value.trim(), roles: chosenRoles(form),
        allowed_models: models(allowed.value),
        expires_at: expires.value ? new Date(expires.value).toISOString() : null});
      say(slot, 'ok', 'Saved.');
    } catch (err) {
      say(slot, 'error', err.message);
    }
  }},
  field('Name', name), field('Roles', roleBoxes(k.roles)), field('Allowed models', allowed, 'empty: every model'),
  field('Expires', expires),
  h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary', disabled: !!k.revoked_at}, 'Save'),
    k.revoked_at ? null : h('button', {type: 'button', 'data-action': 'rotate', onclick: () => rotate(k, slot)},
      'Rotate secret'),
    k.revoked_at ? null : h('button', {type: 'button', class: 'danger', 'data-action': 'revoke', onclick: async () => {
      await revoke(k, slot);
      location.hash = '#/keys';
    }}, 'Revoke')));
  const scope = `/admin/keys/${seg(k.id)}`;
  const [limits, budget] = await Promise.all([limitsEditor(scope, `key:${k.id}`, signal),
    budgetEditor(scope, `key:${k.id}`, signal)]);
  clear(container, h('p', {class: 'crumbs'}, h('a', {href: '#/keys'}, 'Keys'), ' / ', k.name),
    h('h1', {}, k.name), shown,
    h('dl', {class: 'facts'}, h('dt', {}, 'id'), h('dd', {}, h('code', {}, k.id)), h('dt', {}, 'tenant'),
      h('dd', {}, h('a', {href: `#/tenants/${seg(k.tenant)}`}, k.tenant)), h('dt', {}, 'prefix'),
      h('dd', {}, h('code', {}, `${k.key_prefix}…`)), h('dt', {}, 'created'), h('dd', {}, fmt.time(k.created_at)),
      h('dt', {}, 'state'), h('dd', {}, state(k)),
      h('dt', {}, 'audit'), h('dd', {}, h('a', {href: `#/audit?key_id=${seg(k.id)}`}, 'its requests'))),
    k.revoked_at ? notice('info', `Revoked ${fmt.time(k.revoked_at)}.`) : null,
    h('section', {class: 'card'}, h('h2', {}, 'Key'), form, slot), limits, budget);
}

async function rotate(k, slot) {
  if (!await confirmAction(`Rotate the secret of "${k.name}"? The old secret keeps working for an hour.`,
    'Rotate')) {
    return;
  }
  try {
    const made = await post(`/admin/keys/${seg(k.id)}/rotate`, {});
    clear(slot, secretBox('The new secret', made.key));
  } catch (err) {
    say(slot, 'error', err.message);
  }
}
