// The signed-in key and who it is, kept in this tab's session storage only (gone when the tab closes).

const KEY = 'aigw.console.key';
const WHO = 'aigw.console.caller';

export function key() {
  return sessionStorage.getItem(KEY);
}

/** The caller as GET /compliance/me described it, or null when signed out. */
export function caller() {
  const text = sessionStorage.getItem(WHO);
  return text && key() ? JSON.parse(text) : null;
}

export function signIn(secret, who) {
  sessionStorage.setItem(KEY, secret);
  sessionStorage.setItem(WHO, JSON.stringify(who));
}

export function signOut() {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(WHO);
}

/** Whether the caller manages the gateway (every page), rather than reading the audit trail only. */
export function isAdmin(who = caller()) {
  return !!who && who.roles.includes('admin');
}

/** Whether the caller reads every tenant's audit trail (auditor, admin) rather than its own tenant's. */
export function readsEveryTenant(who = caller()) {
  return !!who && who.audit_scope === null;
}
