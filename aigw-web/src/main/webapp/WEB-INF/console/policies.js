// The rate limits and budget of a tenant or key (/admin/{tenants|keys}/{id}/limits and /budget), shown and edited.

import {del, get, put} from './api.js';
import {clear, confirmAction, field, fmt, h, jsonEditor, say, select} from './dom.js';

const NUMBERS = [
  ['requests_per_minute', 'Requests per minute'],
  ['tokens_per_minute', 'Tokens per minute'],
  ['concurrent_requests', 'Concurrent requests'],
];

/**
 * The document of one scope, or null when it has none: read from the list filtered by scope, so that a tenant or key
 * without limits or a budget costs no 404 on record (and no error in the overview's charts).
 */
async function ownOf(list, scopeName, signal) {
  const answer = await get(list, {signal, query: {scope: scopeName}});
  return answer.data.length ? answer.data[0] : null;
}

/** The limits editor of a scope path such as /admin/keys/key_1, whose scope name is key:key_1. */
export async function limitsEditor(scope, scopeName, signal) {
  const box = h('section', {class: 'card', 'data-editor': 'limits'});
  const load = async () => {
    const limits = await ownOf('/admin/limits', scopeName, signal);
    const inputs = Object.fromEntries(NUMBERS.map(([name]) => [name, h('input', {type: 'number', min: 0,
      step: 1, name, value: limits && limits[name] !== undefined && limits[name] !== null ? limits[name] : ''})]));
    const mode = select([['enforce', 'enforce'], ['shadow', 'shadow (record only)']],
      (limits && limits.mode) || 'enforce', {name: 'mode'});
    const models = jsonEditor((limits && limits.models) || {}, 4);
    models.name = 'models';
    const slot = h('div', {class: 'slot'});
    const form = h('form', {class: 'grid-form', onsubmit: async e => {
      e.preventDefault();
      try {
        const spec = {mode: mode.value};
        for (const [name] of NUMBERS) {
          if (inputs[name].value !== '') {
            spec[name] = Number(inputs[name].value);
          }
        }
        const perModel = JSON.parse(models.value || '{}');
        if (Object.keys(perModel).length) {
          spec.models = perModel;
        }
        await put(`${scope}/limits`, spec);
        await load();
        say(box.querySelector('.slot'), 'ok', 'Limits saved.');
      } catch (err) {
        say(slot, 'error', err.message);
      }
    }},
    NUMBERS.map(([name, label]) => field(label, inputs[name])), field('Mode', mode),
    field('Per model', models, 'e.g. {"openai/gpt-4o*": {"requests_per_minute": 10}}'),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Save limits'),
      limits ? removeButton({path: `${scope}/limits`, label: 'Remove limits', done: 'Limits removed.',
        question: 'Remove these limits? Requests fall back to the defaults.', box, slot, load}) : null),
    slot);
    clear(box, h('h2', {}, 'Rate limits'), limits ? current(limits.current) : h('p', {class: 'hint'},
      'No limits of its own.'), form);
  };
  await load();
  return box;
}

/** A button that deletes a document after asking, then redraws the editor (box) and says so in its new slot. */
function removeButton({path, label, done, question, box, slot, load}) {
  return h('button', {type: 'button', class: 'danger', onclick: async () => {
    if (!await confirmAction(question, 'Remove')) {
      return;
    }
    try {
      await del(path);
      await load();
      say(box.querySelector('.slot'), 'ok', done);
    } catch (err) {
      say(slot, 'error', err.message);
    }
  }}, label);
}

function current(window) {
  if (!window) {
    return null;
  }
  const rows = Object.entries(window).filter(([, v]) => v && typeof v === 'object' && 'limit' in v);
  if (!rows.length) {
    return null;
  }
  return h('dl', {class: 'facts'}, rows.map(([name, v]) => [h('dt', {}, name.replaceAll('_', ' ')),
    h('dd', {}, `${fmt.int(v.remaining)} of ${fmt.int(v.limit)} left on this server`)]));
}

/** The budget editor of a scope path and its scope name. */
export async function budgetEditor(scope, scopeName, signal) {
  const box = h('section', {class: 'card', 'data-editor': 'budget'});
  const load = async () => {
    const budget = await ownOf('/admin/budgets', scopeName, signal);
    const b = budget || {};
    const amount = h('input', {name: 'amount', inputmode: 'decimal', value: b.amount || '',
      placeholder: '25.00'});
    const currency = h('input', {name: 'currency', value: b.currency || 'USD', maxlength: 3, size: 4});
    const period = select(['day', 'week', 'month', 'total'], b.period || 'month', {name: 'period'});
    const zone = h('input', {name: 'time_zone', value: b.time_zone || 'UTC'});
    const tokens = h('input', {name: 'tokens', type: 'number', min: 1, step: 1, value: b.tokens || ''});
    const alerts = h('input', {name: 'alert_at', value: (b.alert_at || []).join(', '), placeholder: '0.5, 0.8'});
    const slot = h('div', {class: 'slot'});
    const form = h('form', {class: 'grid-form', onsubmit: async e => {
      e.preventDefault();
      try {
        const spec = {period: period.value, time_zone: zone.value.trim()};
        if (amount.value.trim()) {
          spec.amount = amount.value.trim();
          spec.currency = currency.value.trim().toUpperCase();
        }
        if (tokens.value) {
          spec.tokens = Number(tokens.value);
        }
        const fractions = alerts.value.split(',').map(s => s.trim()).filter(Boolean).map(Number);
        if (fractions.length) {
          spec.alert_at = fractions;
        }
        await put(`${scope}/budget`, spec);
        await load();
        say(box.querySelector('.slot'), 'ok', 'Budget saved.');
      } catch (err) {
        say(slot, 'error', err.message);
      }
    }},
    field('Amount', amount), field('Currency', currency), field('Period', period), field('Time zone', zone),
    field('Tokens', tokens), field('Alert at', alerts, 'fractions of the budget, comma separated'),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Save budget'),
      budget ? removeButton({path: `${scope}/budget`, label: 'Remove budget', done: 'Budget removed.',
        question: 'Remove this budget?', box, slot, load}) : null),
    slot);
    clear(box, h('h2', {}, 'Budget'), budget ? standing(budget) : h('p', {class: 'hint'}, 'No budget of its own.'),
      form);
  };
  await load();
  return box;
}

/** Spent, reserved and remaining of a budget, with a meter. */
export function standing(b) {
  const parts = [];
  if (b.amount) {
    parts.push(meterLine(`${b.spent ?? '0'} of ${b.amount} ${b.currency} spent`, Number(b.spent || 0),
      Number(b.amount), 'money'));
  }
  if (b.tokens) {
    parts.push(meterLine(`${fmt.int(b.tokens_spent ?? 0)} of ${fmt.int(b.tokens)} tokens`,
      Number(b.tokens_spent || 0), Number(b.tokens), 'tokens'));
  }
  return h('div', {class: 'standing'}, parts, h('p', {class: 'hint'},
    `Period ${b.period}${b.period_start ? ` from ${fmt.time(b.period_start)}` : ''}`,
    b.resets_at ? `, resets ${fmt.time(b.resets_at)}` : '', Number(b.reserved) > 0 ? `; ${b.reserved} ${b.currency} reserved in flight` : ''));
}

function meterLine(text, value, max, name) {
  return h('div', {class: 'meter-line', 'data-meter': name}, h('meter', {min: 0, max: max || 1,
    value: Math.min(value, max), low: max * 0.8, high: max * 0.95, optimum: 0}), h('span', {}, text));
}

