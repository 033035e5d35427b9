// Routes: fallback, retries, breakers, balancing and caching per route name (/admin/routes), with versions and
// rollback.

import {get, post, seg} from '../api.js';
import {confirmAction, fmt, h, say, table} from '../dom.js';
import {documentsPage} from '../documents.js';

export const render = documentsPage({
  kind: 'routes', title: 'Routes',
  lead: 'A model name that is a route goes to its targets in order or by weight, with retries, fallback, circuit '
    + 'breakers and a response cache. Routes from the routes file are read-only here.',
  columns: [
    {label: 'version', value: r => r.version, class: 'num'},
    {label: 'strategy', value: r => r.strategy},
    {label: 'targets', value: r => fmt.list(r.targets.map(t => t.model))},
    {label: 'cache', value: r => r.cache ? r.cache.mode : 'off'},
    {label: 'source', value: r => r.source},
    {label: 'changed', value: r => fmt.time(r.changed_at)},
  ],
  template: {strategy: 'priority', targets: [{model: 'openai/gpt-4o-mini'}, {model: 'anthropic/claude-3-5-haiku-latest'}],
    fallback_on: ['rate_limit', 'server_error', 'timeout', 'unavailable']},
  readOnly: ['name', 'version', 'source', 'changed_at', 'changed_by'],
  extras: async (route, slot, signal) => {
    const versions = await get(`/admin/routes/${seg(route.name)}/versions`, {signal});
    const box = h('section', {class: 'card'}, h('h2', {}, 'Versions'), table([
      {label: 'version', value: v => v.version, class: 'num'},
      {label: 'changed', value: v => fmt.time(v.changed_at)},
      {label: 'by', value: v => v.changed_by || ''},
      {label: 'targets', value: v => v.targets ? fmt.list(v.targets.map(t => t.model)) : '(deleted)'},
      {label: '', value: v => v.version === route.version ? 'current' : h('button', {type: 'button', class: 'small',
        onclick: async () => {
          if (await confirmAction(`Make version ${v.version} current again (as a new version)?`, 'Roll back')) {
            try {
              await post(`/admin/routes/${seg(route.name)}/rollback`, {version: v.version});
              location.reload();
            } catch (e) {
              say(slot, 'error', e.message);
            }
          }
        }}, 'Roll back to this')},
    ], versions.data));
    return box;
  },
});
