// The console's shell: sign-in, the navigation a key's roles allow, and the router that opens pages.

import {ApiError, get, onKeyRejected} from './api.js';
import {clear, field, h, notice} from './dom.js';
import {PAGES, pageOf} from './pages.js';
import * as session from './session.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const signOutButton = document.getElementById('sign-out');

/** Aborted when the page changes: pages stop their fetches and timers with it. */
let current = new AbortController();

function home() {
  return session.isAdmin() ? '#/overview' : '#/audit';
}

function ready(name) {
  document.body.dataset.page = name;
  document.body.dataset.state = 'ready';
  performance.mark(`aigw:ready:${name}`);
}

function renderSignIn(message) {
  nav.hidden = true;
  signOutButton.hidden = true;
  clear(who);
  const secret = h('input', {type: 'password', name: 'key', autocomplete: 'off', required: true,
    placeholder: 'aigw-…', spellcheck: 'false'});
  const slot = h('div', {class: 'slot'}, message ? notice('info', message) : null);
  const button = h('button', {type: 'submit', class: 'primary'}, 'Sign in');
  const form = h('form', {class: 'sign-in', id: 'sign-in', onsubmit: async event => {
    event.preventDefault();
    button.disabled = true;
    try {
      const me = await get('/compliance/me', {secret: secret.value.trim()});
      session.signIn(secret.value.trim(), me);
      const asked = pageOf(location.hash);
      if (asked && (!asked.page.admin || session.isAdmin(me))) {
        route();
      } else {
        location.hash = home();
      }
    } catch (e) {
      clear(slot, notice('error', signInProblem(e)));
      ready('sign-in');
    } finally {
      button.disabled = false;
    }
  }},
  h('h1', {}, 'Sign in to aigw'),
  h('p', {}, 'Use an API key with the admin role to manage the gateway, or with the auditor or compliance role to ',
    'search and export the audit trail. The key stays in this browser tab only.'),
  field('API key', secret), slot, button);
  clear(main, form);
  secret.focus();
  ready('sign-in');
}

function signInProblem(e) {
  if (e instanceof ApiError && e.status === 401) {
    return 'This key is not valid: it is unknown, revoked or expired.';
  }
  if (e instanceof ApiError && e.status === 403) {
    return 'This key cannot open the console: it needs the admin, auditor or compliance role.';
  }
  return `The gateway could not be asked: ${e.message}`;
}

function renderNav(active) {
  const me = session.caller();
  const sections = [];
  for (const page of PAGES.filter(p => !p.admin || session.isAdmin(me))) {
    let section = sections.find(s => s.name === page.section);
    if (!section) {
      section = {name: page.section, pages: []};
      sections.push(section);
    }
    section.pages.push(page);
  }
  clear(nav, sections.map(s => h('div', {class: 'section'}, h('h2', {}, s.name), h('ul', {},
    s.pages.map(p => h('li', {}, h('a', {href: `#/${p.path}`, 'aria-current': p === active ? 'page' : null},
      p.title)))))));
  nav.hidden = false;
  signOutButton.hidden = false;
  clear(who, h('span', {class: 'key-name'}, me.name), ' ', h('span', {class: 'roles'}, me.roles.join(', ')),
    me.audit_scope ? h('span', {class: 'scope'}, ` · tenant ${me.audit_scope}`) : null);
}

async function route() {
  current.abort();
  current = new AbortController();
  const signal = current.signal;
  document.body.dataset.state = 'loading';
  if (session.idle()) {
    signOutIdle();
    return;
  }
  const me = session.caller();
  if (!me) {
    renderSignIn();
    return;
  }
  const found = pageOf(location.hash);
  if (!found) {
    location.replace(home());
    return;
  }
  renderNav(found.page);
  document.title = `${found.page.title} · aigw console`;
  if (found.page.admin && !session.isAdmin(me)) {
    clear(main, h('h1', {}, found.page.title), notice('error', `${found.page.title} needs a key with the admin role. `,
      `This key (${me.name}) has ${me.roles.join(', ')}: it reads the audit trail only.`));
    ready(`refused:${found.page.path}`);
    return;
  }
  const container = h('section', {class: 'page', 'data-page': found.page.path});
  clear(main, container);
  try {
    const module = await found.page.load();
    await module.render(container, {args: found.args, query: found.query, signal, me});
    if (!signal.aborted) {
      ready(found.page.path);
    }
  } catch (e) {
    if (signal.aborted || e.name === 'AbortError') {
      return;
    }
    clear(container, h('h1', {}, found.page.title), notice('error', e.message));
    ready(found.page.path);
  }
}

onKeyRejected(() => {
  current.abort();
  session.signOut();
  renderSignIn('The gateway no longer accepts this key (revoked or expired). Sign in again.');
});
signOutButton.addEventListener('click', () => {
  current.abort();
  session.signOut();
  location.hash = '';
  renderSignIn('Signed out.');
});
function signOutIdle() {
  current.abort();
  session.signOut();
  renderSignIn(`Signed out after ${Math.round(session.idleTimeout() / 60)} minutes without activity.`);
}

// the user's input keeps the console signed in; a minute's check signs it out once it has been idle too long
let lastTouch = 0;
for (const type of ['pointerdown', 'keydown']) {
  window.addEventListener(type, () => {
    if (session.key() && Date.now() - lastTouch > 5000) {
      lastTouch = Date.now();
      session.touch();
    }
  }, {capture: true, passive: true});
}
setInterval(() => {
  if (session.idle()) {
    signOutIdle();
  }
}, 60000);
window.addEventListener('hashchange', route);
route();
