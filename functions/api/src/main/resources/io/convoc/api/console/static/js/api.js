// Calls to the API with the signed-in person's token; problem+json answers become an ApiError naming the fields.
import {token, forget} from './auth.js';
import {lang} from './i18n.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  /** [{field, code, message}] */
  get errors() {
    return this.problem.errors || [];
  }
}

/**
 * api('/api/registrations?eventId=x') → the parsed JSON; options: {method, json, body, type, raw}.
 * `raw` returns the Response itself (files).
 */
export async function api(path, options = {}) {
  const headers = {Accept: 'application/json, application/problem+json', 'Accept-Language': lang() || 'fr'};
  const bearer = token();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.type) {
    headers['Content-Type'] = options.type;
  }
  Object.assign(headers, options.headers || {});
  const response = await fetch(path, {method: options.method || 'GET', headers, body, redirect: options.redirect || 'follow'});
  if (response.status === 401) {
    forget();
    window.dispatchEvent(new CustomEvent('convoc:signed-out'));
  }
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch (e) {
      problem = null;
    }
    throw new ApiError(response.status, problem);
  }
  if (options.raw) return response;
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}
