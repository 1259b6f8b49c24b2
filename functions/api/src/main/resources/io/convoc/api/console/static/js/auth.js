// Signing in: OAuth's authorization-code flow with PKCE against the user pool's hosted sign-in page (Cognito in
// AWS, the local cloud's page locally). The ID token is kept in this tab's sessionStorage only and sent in the
// Authorization header: no cookie carries it, so no other site can make the browser use it (no CSRF).
const TOKEN = 'convoc.console.token';
const PENDING = 'convoc.console.pending';
let config = null;

export async function configure() {
  const response = await fetch('/console/config.json', {headers: {Accept: 'application/json'}});
  if (!response.ok) throw new Error(`config: HTTP ${response.status}`);
  config = await response.json();
  return config;
}

export function settings() {
  return config;
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random(size) {
  return base64url(crypto.getRandomValues(new Uint8Array(size)));
}

function callback() {
  return `${location.origin}/console/signed-in`;
}

/** Off to the sign-in page; `back` is the console's page to open after (its hash). */
export async function signIn(back) {
  const verifier = random(48);
  const state = random(16);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({verifier, state, back: back || ''}));
  const query = new URLSearchParams({response_type: 'code', client_id: config.clientId, redirect_uri: callback(),
    scope: 'openid email profile', state, code_challenge: challenge, code_challenge_method: 'S256'});
  location.assign(`${config.authorizeUrl}?${query}`);
}

/**
 * Back from the sign-in page with ?code=…&state=…: the code for tokens. Returns the page to open, or null when
 * this is not a return from signing in.
 */
export async function completeSignIn() {
  const query = new URLSearchParams(location.search);
  if (!query.has('code')) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', '/console/signed-in');
  if (!pending || pending.state !== query.get('state')) throw new Error('sign-in state does not match');
  const response = await fetch(config.tokenUrl, {method: 'POST',
    headers: {'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json'},
    body: new URLSearchParams({grant_type: 'authorization_code', client_id: config.clientId, code: query.get('code'),
      redirect_uri: callback(), code_verifier: pending.verifier})});
  if (!response.ok) throw new Error(`token: HTTP ${response.status}`);
  const tokens = await response.json();
  sessionStorage.setItem(TOKEN, tokens.id_token);
  return pending.back || '#/';
}

export function token() {
  const value = sessionStorage.getItem(TOKEN);
  if (!value) return null;
  const claims = decode(value);
  if (!claims || claims.exp * 1000 < Date.now()) {
    sessionStorage.removeItem(TOKEN);
    return null;
  }
  return value;
}

function decode(jwt) {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(payload), c => c.charCodeAt(0)));
    return JSON.parse(json);
  } catch (e) {
    return null;
  }
}

/** Who is signed in: {name, role: 'organizer' | 'protocol' | null}, or null. */
export function user() {
  const value = token();
  if (!value) return null;
  const claims = decode(value);
  const groups = [].concat(claims['cognito:groups'] || []);
  const role = groups.includes('organizer') ? 'organizer' : groups.includes('protocol') ? 'protocol' : null;
  return {name: claims['cognito:username'] || claims.email || claims.sub, role};
}

export function forget() {
  sessionStorage.removeItem(TOKEN);
}

export function signOut() {
  forget();
  const query = new URLSearchParams({client_id: config.clientId, logout_uri: callback()});
  location.assign(`${config.logoutUrl}?${query}`);
}
