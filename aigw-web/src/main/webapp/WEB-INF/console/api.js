// The console's only way to the gateway: the /admin and /compliance APIs, with the signed-in key as a bearer token.

import * as session from './session.js';

/** An answer other than 2xx, with the problem the gateway described. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || problem.message || `The gateway answered ${status}.`);
    this.status = status;
    this.code = problem.code || problem.type || null;
    this.param = problem.param || null;
    this.requestId = problem.requestId || null;
  }
}

/** Listeners told when the key stops working (401), so the console can sign out. */
const expiredListeners = [];
export function onKeyRejected(listener) {
  expiredListeners.push(listener);
}

/** A path with its query: undefined, null and '' values are left out. */
export function withQuery(path, query = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params.append(name, String(value));
    }
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Calls the gateway. Returns the parsed JSON (null for an empty body), or the Response itself with {raw: true}.
 * Throws ApiError for an answer other than 2xx.
 */
export async function call(path, {method = 'GET', body, query, raw = false, signal, secret} = {}) {
  const headers = {Authorization: `Bearer ${secret || session.key()}`, Accept: 'application/json'};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(withQuery(path, query), {
    method, headers, signal, cache: 'no-store', credentials: 'omit',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    let problem = {};
    try {
      problem = await response.json();
    } catch (ignored) {
      problem = {};
    }
    const error = new ApiError(response.status, problem);
    if (response.status === 401 && !secret) {
      expiredListeners.forEach(l => l(error));
    }
    throw error;
  }
  if (raw) {
    return response;
  }
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export const get = (path, options) => call(path, options);
export const put = (path, body, options = {}) => call(path, {...options, method: 'PUT', body});
export const post = (path, body, options = {}) => call(path, {...options, method: 'POST', body});
export const patch = (path, body, options = {}) => call(path, {...options, method: 'PATCH', body});
export const del = (path, options = {}) => call(path, {...options, method: 'DELETE'});

/** A path segment, escaped. */
export const seg = value => encodeURIComponent(value);
