// Pages for named JSON documents the admin API keeps under /admin/<kind>/{name} (routes, guardrail sets,
// applications, alerts): a list, a new document, and each document edited as JSON, saved with PUT, deleted.

import {ApiError, del, get, put, seg} from './api.js';
import {clear, confirmAction, field, h, jsonEditor, say, table} from './dom.js';

/**
 * A page's render function.
 *
 * @param kind       the API path segment and the page's hash (routes, guardrails, ...)
 * @param title      the page title
 * @param lead       one sentence on what the documents do
 * @param nameOf     the name of a listed document
 * @param columns    table columns of the list (besides the name)
 * @param template   the JSON a new document starts from
 * @param readOnly   fields the API writes itself, shown as facts and left out of what is edited
 * @param editable   the JSON a document is edited as (by default: the document without its read-only fields)
 * @param extras     (document, slot, signal) => more of the detail page (versions, test buttons)
 * @param saved      (answer, slot) => what to show after a save (a secret shown once)
 */
export function documentsPage({kind, title, lead, nameOf = d => d.name, columns, template, readOnly = [],
  editable = d => Object.fromEntries(Object.entries(d).filter(([k]) => !readOnly.includes(k))),
  extras = async () => null, saved = () => null}) {
  return async function render(container, {args, signal}) {
    if (args[0] !== undefined) {
      return detail(container, args[0], signal);
    }
    const list = await get(`/admin/${kind}`, {signal});
    const slot = h('div', {class: 'slot'});
    const name = h('input', {name: 'name', required: true, pattern: '[A-Za-z0-9._*\\-]+', maxlength: 64});
    const editor = jsonEditor(template);
    const form = h('form', {class: 'doc-form', id: `create-${kind}`, onsubmit: async e => {
      e.preventDefault();
      const chosen = name.value.trim();
      if (list.data.some(d => nameOf(d) === chosen)) {
        say(slot, 'error', `"${chosen}" exists already: open it to change it.`);
        return;
      }
      await save(chosen, editor, slot, true);
    }}, field('Name', name), field('Definition (JSON)', editor),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Create')));
    clear(container, h('h1', {}, title), h('p', {class: 'lead'}, lead),
      h('details', {class: 'card'}, h('summary', {}, `New ${title.toLowerCase().replace(/s$/, '')}`), form), slot,
      table([{label: 'name', key: 'name', value: d => h('a', {href: `#/${kind}/${seg(nameOf(d))}`}, nameOf(d))},
        ...columns], list.data, {empty: `No ${title.toLowerCase()} yet.`,
        rowProps: d => ({'data-name': nameOf(d)})}));
  };

  async function save(name, editor, slot, created) {
    let body;
    try {
      body = JSON.parse(editor.value);
    } catch (e) {
      say(slot, 'error', `The definition is not JSON: ${e.message}`);
      return;
    }
    try {
      const answer = await put(`/admin/${kind}/${seg(name)}`, body);
      const shown = saved(answer, slot);
      if (created && !shown) {
        location.hash = `#/${kind}/${seg(name)}`;
      } else if (!shown) {
        say(slot, 'ok', 'Saved.');
      }
    } catch (e) {
      say(slot, 'error', e instanceof ApiError && e.param ? `${e.message} (${e.param})` : e.message);
    }
  }

  async function detail(container, name, signal) {
    const doc = await get(`/admin/${kind}/${seg(name)}`, {signal});
    const slot = h('div', {class: 'slot'});
    const editor = jsonEditor(editable(doc), 18);
    const form = h('form', {class: 'doc-form', id: `edit-${kind}`, onsubmit: async e => {
      e.preventDefault();
      await save(name, editor, slot, false);
    }}, field('Definition (JSON)', editor), h('div', {class: 'actions'},
      h('button', {type: 'submit', class: 'primary'}, 'Save'),
      h('button', {type: 'button', class: 'danger', 'data-action': 'delete', onclick: async () => {
        if (await confirmAction(`Delete "${name}"?`, 'Delete')) {
          try {
            await del(`/admin/${kind}/${seg(name)}`);
            location.hash = `#/${kind}`;
          } catch (e) {
            say(slot, 'error', e.message);
          }
        }
      }}, 'Delete')), slot);
    const facts = readOnly.filter(k => doc[k] !== undefined && doc[k] !== null);
    clear(container, h('p', {class: 'crumbs'}, h('a', {href: `#/${kind}`}, title), ' / ', name), h('h1', {}, name),
      facts.length ? h('dl', {class: 'facts'}, facts.map(k => [h('dt', {}, k.replaceAll('_', ' ')),
        h('dd', {}, Array.isArray(doc[k]) ? doc[k].join(', ') || '–' : String(doc[k]))])) : null,
      h('section', {class: 'card'}, form), await extras(doc, slot, signal));
  }
}

