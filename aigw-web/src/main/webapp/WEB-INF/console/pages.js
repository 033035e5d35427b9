// Every page of the console: where it is (#/<path>), its title, whether it needs an admin key, and its module,
// loaded the first time the page is opened.

export const PAGES = [
  {path: 'overview', title: 'Overview', section: 'Traffic', admin: true, load: () => import('./pages/overview.js')},
  {path: 'connections', title: 'Connections', section: 'Traffic', admin: true,
    load: () => import('./pages/connections.js')},
  {path: 'keys', title: 'Keys', section: 'Access', admin: true, load: () => import('./pages/keys.js')},
  {path: 'tenants', title: 'Tenants', section: 'Access', admin: true, load: () => import('./pages/tenants.js')},
  {path: 'applications', title: 'Applications', section: 'Access', admin: true,
    load: () => import('./pages/applications.js')},
  {path: 'quotas', title: 'Limits & budgets', section: 'Spend', admin: true,
    load: () => import('./pages/quotas.js')},
  {path: 'prices', title: 'Prices', section: 'Spend', admin: true, load: () => import('./pages/prices.js')},
  {path: 'routes', title: 'Routes', section: 'Policy', admin: true, load: () => import('./pages/routes.js')},
  {path: 'guardrails', title: 'Guardrails', section: 'Policy', admin: true,
    load: () => import('./pages/guardrails.js')},
  {path: 'alerts', title: 'Alerts', section: 'Policy', admin: true, load: () => import('./pages/alerts.js')},
  {path: 'audit', title: 'Audit trail', section: 'Compliance', admin: false, load: () => import('./pages/audit.js')},
  {path: 'usage', title: 'Usage', section: 'Compliance', admin: false, load: () => import('./pages/usage.js')},
];

/**
 * The page of a hash, or null: #/keys/key_1 is the keys page with the argument key_1; #/audit?key_id=k the audit
 * page with the query key_id=k.
 */
export function pageOf(hash) {
  const text = hash.replace(/^#\/?/, '');
  const mark = text.indexOf('?');
  const parts = (mark < 0 ? text : text.slice(0, mark)).split('/');
  const query = new URLSearchParams(mark < 0 ? '' : text.slice(mark + 1));
  const page = PAGES.find(p => p.path === parts[0]);
  return page ? {page, args: parts.slice(1).filter(Boolean).map(decodeURIComponent), query} : null;
}
