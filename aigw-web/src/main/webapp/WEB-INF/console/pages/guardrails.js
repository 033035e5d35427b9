// Guardrail sets: input and output rules (PII, deny patterns, prompt injection, local-only data) by name
// (/admin/guardrails), attached to tenants, keys and routes.

import {fmt} from '../dom.js';
import {documentsPage} from '../documents.js';

export const render = documentsPage({
  kind: 'guardrails', title: 'Guardrails',
  lead: 'Named sets of input and output rules; attach them to tenants, keys and routes.',
  columns: [
    {label: 'input rules', value: g => fmt.list((g.input || []).map(r => `${r.type} (${r.action})`))},
    {label: 'output rules', value: g => fmt.list((g.output || []).map(r => `${r.type} (${r.action})`))},
    {label: 'changed', value: g => fmt.time(g.changed_at)},
  ],
  template: {input: [{type: 'pii', entities: ['email', 'phone', 'credit_card'], action: 'redact'},
    {type: 'deny', patterns: ['(?i)project\\s+falcon'], action: 'block'}], output: []},
  readOnly: ['name', 'changed_at', 'changed_by'],
});
