// The signed-in key and who it is, kept in this tab's session storage only (gone when the tab closes).

const KEY = 'aigw.console.key';
const WHO = 'aigw.console.caller';
const ACTIVE = 'aigw.console.active';

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
  touch();
}

export function signOut() {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(WHO);
  sessionStorage.removeItem(ACTIVE);
}

/** Notes the user's input now (what keeps the console signed in). */
export function touch() {
  sessionStorage.setItem(ACTIVE, String(Date.now()));
}

/** Seconds the console stays signed in without the user's input (aigw.console.idle-timeout, written in the page). */
export function idleTimeout() {
  const seconds = Number(document.querySelector('meta[name=aigw-idle-timeout]')?.content);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 1800;
}

/** Whether the signed-in console has had no input for longer than the idle timeout. */
export function idle(now = Date.now()) {
  const last = Number(sessionStorage.getItem(ACTIVE) || 0);
  return !!key() && now - last > idleTimeout() * 1000;
}

/** Whether the caller manages the gateway (every page), rather than reading the audit trail only. */
export function isAdmin(who = caller()) {
  return !!who && who.roles.includes('admin');
}

/** Whether the caller reads every tenant's audit trail (auditor, admin) rather than its own tenant's. */
export function readsEveryTenant(who = caller()) {
  return !!who && who.audit_scope === null;
}
