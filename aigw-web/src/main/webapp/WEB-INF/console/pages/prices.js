// Prices: what each model costs per million tokens, as versions effective from a time (/admin/prices).

import {get, put} from '../api.js';
import {clear, field, fmt, h, jsonEditor, say, table} from '../dom.js';

export async function render(container, {signal}) {
  const history = h('input', {type: 'checkbox', name: 'history'});
  const list = h('div', {});
  const slot = h('div', {class: 'slot'});
  const draw = async () => {
    const prices = await get('/admin/prices', {signal, query: {history: history.checked ? 'true' : ''}});
    clear(list, table([
      {label: 'model', key: 'model', value: p => h('code', {}, p.model)},
      {label: 'currency', value: p => p.currency},
      {label: 'input / M', key: 'input', value: p => p.input_per_million ?? '–', class: 'num'},
      {label: 'output / M', key: 'output', value: p => p.output_per_million ?? '–', class: 'num'},
      {label: 'cached input / M', value: p => p.cached_input_per_million ?? '–', class: 'num'},
      {label: 'per request', value: p => p.per_request ?? '–', class: 'num'},
      {label: 'version', value: p => p.version, class: 'num'},
      {label: 'effective from', value: p => fmt.time(p.effective_from)},
      {label: 'retires', value: p => p.retire_at ? fmt.time(p.retire_at) : ''},
    ], prices.data, {empty: 'No prices yet: every request is unpriced.',
      rowProps: p => ({'data-model': p.model, 'data-currency': p.currency})}));
  };
  history.addEventListener('change', () => draw().catch(e => say(slot, 'error', e.message)));
  const editor = jsonEditor({model: 'openai/gpt-4o-mini', currency: 'USD', input_per_million: '0.15',
    output_per_million: '0.60'}, 8);
  const form = h('form', {class: 'doc-form', id: 'new-price', onsubmit: async e => {
    e.preventDefault();
    try {
      await put('/admin/prices', JSON.parse(editor.value));
      say(slot, 'ok', 'The new price version is saved.');
      await draw();
    } catch (err) {
      say(slot, 'error', err.message);
    }
  }}, field('Price (JSON; amounts as decimal strings)', editor),
  h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Save a new version')));
  await draw();
  clear(container, h('h1', {}, 'Prices'),
    h('p', {class: 'lead'}, 'Each change is a new version from its effective time; a request is charged at the ',
      'version in force when it arrived.'),
    h('details', {class: 'card'}, h('summary', {}, 'Set a price'), form), slot,
    h('label', {class: 'check'}, history, ' every version'), list);
}
