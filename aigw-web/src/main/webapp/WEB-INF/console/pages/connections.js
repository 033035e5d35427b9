// Connections: every upstream connection of this server, whether it can serve, its pool and its circuit breakers
// (GET /admin/connections), refreshed every few seconds while the page is open.

import {get} from '../api.js';
import {clear, fmt, h, table} from '../dom.js';

const REFRESH_MS = 5000;

export async function render(container, {signal}) {
  const body = h('div', {});
  const stamp = h('span', {class: 'hint'});
  clear(container, h('h1', {}, 'Connections'),
    h('p', {class: 'lead'}, 'Pools and circuit breakers of this server; servers sharing the database have their own. ',
      'Connections are declared in server.xml.', ' ', stamp), body);
  await show(body, stamp, signal);
  const timer = setInterval(() => show(body, stamp, signal).catch(() => {}), REFRESH_MS);
  signal.addEventListener('abort', () => clearInterval(timer));
}

async function show(body, stamp, signal) {
  const list = await get('/admin/connections', {signal});
  clear(body, table([
    {label: 'connection', key: 'name', value: c => h('strong', {}, c.name)},
    {label: 'provider', value: c => c.provider || '–'},
    {label: 'state', key: 'state', value: c => c.available
      ? h('span', {class: 'badge ok'}, 'available')
      : h('span', {class: 'badge bad', title: c.reason || ''}, 'unavailable')},
    {label: 'models', value: c => fmt.int(c.models), class: 'num'},
    {label: 'pool in use', key: 'in_use', value: c => c.pool ? fmt.int(c.pool.in_use) : '–', class: 'num'},
    {label: 'idle', key: 'idle', value: c => c.pool ? fmt.int(c.pool.idle) : '–', class: 'num'},
    {label: 'waiting', key: 'pending', value: c => c.pool ? fmt.int(c.pool.pending) : '–', class: 'num'},
    {label: 'circuit breakers', key: 'breakers', value: c => c.breakers.length
      ? h('ul', {class: 'breakers'}, c.breakers.map(b => h('li', {'data-breaker': b.model},
        h('span', {class: `badge ${b.state === 'closed' ? 'ok' : b.state === 'open' ? 'bad' : 'warn'}`}, b.state),
        ' ', b.model)))
      : '–'},
    {label: 'why not', key: 'reason', value: c => c.reason || ''},
  ], list.data, {empty: 'No connections are configured.', rowProps: c => ({'data-connection': c.name})}));
  stamp.textContent = `Updated ${new Date().toLocaleTimeString('en-GB')}.`;
}
