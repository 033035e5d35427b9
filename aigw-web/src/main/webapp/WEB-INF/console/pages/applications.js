// Applications: what an application on the same server gets when it calls aigw in process (/admin/applications).

import {fmt} from '../dom.js';
import {documentsPage} from '../documents.js';

export const render = documentsPage({
  kind: 'applications', title: 'Applications',
  lead: 'Applications on this server that inject AI connections: the key each one acts as. "*" is the default grant.',
  nameOf: a => a.application,
  columns: [
    {label: 'key', value: a => a.key_id || '–'},
    {label: 'tenant', value: a => a.tenant || '–'},
    {label: 'models', value: a => a.allowed_models && a.allowed_models.length ? fmt.list(a.allowed_models) : 'all'},
    {label: 'key active', value: a => a.key_active === false ? 'no' : 'yes'},
    {label: 'changed', value: a => fmt.time(a.changed_at)},
  ],
  template: {tenant: 'default', allowed_models: []},
  readOnly: ['application', 'key_id', 'key_active', 'tenant', 'allowed_models', 'guardrails', 'changed_at',
    'changed_by'],
  // saving the key it has keeps the grant; replace it with {tenant, allowed_models, guardrails} for a key made for it
  editable: a => ({key_id: a.key_id}),
});
