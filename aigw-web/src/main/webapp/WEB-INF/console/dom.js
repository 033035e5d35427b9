// Building the page: elements from data, never HTML from strings (nothing a gateway answer holds can run as code).

/**
 * An element: h('a', {href: '#/keys', class: 'x', onclick: f, 'data-id': 1}, 'text', child, [children], null).
 * Properties named on... are listeners, 'class' sets className, booleans set or leave out the attribute.
 */
export function h(tag, props = {}, ...children) {
  const el = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      el.setAttribute('class', value);
    } else if (name === 'value' && 'value' in el) {
      el.value = value;
    } else if (name === 'checked' || name === 'selected') {
      el[name] = !!value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(el, child);
    } else {
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A table: columns [{label, value: row => node|text, class?}], one row per item, or the empty text. */
export function table(columns, rows, {empty = 'Nothing yet.', rowProps} = {}) {
  if (!rows.length) {
    return h('p', {class: 'empty'}, empty);
  }
  return h('table', {class: 'grid'},
    h('thead', {}, h('tr', {}, columns.map(c => h('th', {class: c.class}, c.label)))),
    h('tbody', {}, rows.map(row => h('tr', rowProps ? rowProps(row) : {},
      columns.map(c => h('td', {class: c.class, 'data-col': c.key || c.label}, c.value(row)))))));
}

/** A labelled form field. */
export function field(label, input, hint) {
  return h('label', {class: 'field'}, h('span', {class: 'label'}, label), input,
    hint ? h('span', {class: 'hint'}, hint) : null);
}

/** A message in a page: kind is 'error', 'ok' or 'info'. */
export function notice(kind, ...text) {
  return h('div', {class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status'}, ...text);
}

/** Shows the outcome of an action in its place (replacing the previous one). */
export function say(slot, kind, ...text) {
  clear(slot, notice(kind, ...text));
}

/** Asks before a change that cannot be undone; resolves true when confirmed. */
export function confirmAction(question, confirmLabel = 'Confirm') {
  return new Promise(resolve => {
    const dialog = h('dialog', {class: 'confirm'},
      h('p', {}, question),
      h('div', {class: 'actions'},
        h('button', {type: 'button', class: 'danger', 'data-action': 'confirm',
          onclick: () => dialog.close('yes')}, confirmLabel),
        h('button', {type: 'button', 'data-action': 'cancel', onclick: () => dialog.close('no')}, 'Cancel')));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'yes');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** Something shown once (a new key's secret), with a button that copies it. */
export function secretBox(title, secret) {
  const code = h('code', {class: 'secret', 'data-secret': ''}, secret);
  return h('div', {class: 'notice ok secret-box', role: 'status'},
    h('strong', {}, title), h('p', {}, 'Copy it now: the gateway keeps only its hash and will never show it again.'),
    code, h('button', {type: 'button', onclick: e => {
      navigator.clipboard?.writeText(secret).then(() => { e.target.textContent = 'Copied'; }, () => {});
    }}, 'Copy'));
}

/** A JSON editor (a textarea) whose value() parses, throwing a SyntaxError the form shows. */
export function jsonEditor(value, rows = 14) {
  const area = h('textarea', {class: 'json', rows, spellcheck: 'false', autocomplete: 'off'});
  area.value = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return area;
}

export const fmt = {
  int: n => n === null || n === undefined ? '–' : Number(n).toLocaleString('en-US'),
  pct: r => r === null || r === undefined ? '–' : `${(r * 100).toFixed(r < 0.01 && r > 0 ? 2 : 1)} %`,
  ms: v => v === null || v === undefined ? '–' : v >= 10000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`,
  /** {USD: "1.25", EUR: "0.5"} as "1.25 USD, 0.50 EUR". */
  money: cost => {
    const entries = Object.entries(cost || {});
    return entries.length ? entries.map(([c, a]) => money(a, c)).join(', ') : '–';
  },
  time: iso => iso ? new Date(iso).toLocaleString('en-GB', {dateStyle: 'medium', timeStyle: 'medium'}) : '–',
  date: iso => iso ? new Date(iso).toLocaleDateString('en-GB', {dateStyle: 'medium'}) : '–',
  list: values => values && values.length ? values.join(', ') : '–',
};

function money(amount, currency) {
  const n = Number(amount);
  const digits = Math.abs(n) >= 100 ? 2 : Math.abs(n) >= 1 ? 2 : 4;
  return `${n.toFixed(digits)} ${currency}`;
}

/** Downloads a Blob under a file name (an export fetched with the key, which a plain link could not send). */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h('a', {href: url, download: name, hidden: true});
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** A select whose options are [value, label] pairs or plain values. */
export function select(options, value, props = {}) {
  return h('select', props, options.map(o => {
    const [v, label] = Array.isArray(o) ? o : [o, o];
    return h('option', {value: v, selected: v === value}, label);
  }));
}

/** The local time zone's IANA name (what analytics labels days with). */
export function timeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** An ISO-8601 time as a datetime-local input's value (the browser's time zone, to the second); '' if invalid. */
export function localInput(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return '';
  }
  const pad = n => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:`
    + `${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
