// Alerts: budget thresholds, error rates, latency and usage jumps delivered to signed webhooks (/admin/alerts).

import {post, seg} from '../api.js';
import {clear, fmt, h, say, secretBox} from '../dom.js';
import {documentsPage} from '../documents.js';

export const render = documentsPage({
  kind: 'alerts', title: 'Alerts',
  lead: 'Conditions delivered to webhooks, signed as Standard Webhooks. A new alert shows its signing secret once.',
  columns: [
    {label: 'kind', value: a => a.kind},
    {label: 'webhook', value: a => a.webhook_url},
    {label: 'enabled', value: a => a.enabled === false ? 'no' : 'yes'},
    {label: 'changed', value: a => fmt.time(a.changed_at)},
  ],
  template: {kind: 'budget', scopes: ['tenant'], webhook_url: 'https://hooks.example.com/aigw'},
  readOnly: ['name', 'changed_at', 'changed_by', 'created_at', 'updated_at'],
  saved: (answer, slot) => {
    if (answer && answer.secret) {
      clear(slot, secretBox('The signing secret', answer.secret));
      return true;
    }
    return false;
  },
  extras: async (alert, slot) => h('section', {class: 'card'}, h('h2', {}, 'Delivery'),
    h('div', {class: 'actions'},
      h('button', {type: 'button', onclick: async () => {
        try {
          const queued = await post(`/admin/alerts/${seg(alert.name)}/test`, {});
          say(slot, 'ok', `A test event is queued (webhook id ${queued.webhook_id}); its delivery is audited.`);
        } catch (e) {
          say(slot, 'error', e.message);
        }
      }}, 'Send a test event'),
      h('button', {type: 'button', onclick: async () => {
        try {
          const made = await post(`/admin/alerts/${seg(alert.name)}/rotate-secret`, {});
          clear(slot, secretBox('The new signing secret', made.secret));
        } catch (e) {
          say(slot, 'error', e.message);
        }
      }}, 'Rotate the signing secret'))),
});
