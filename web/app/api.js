// The only way the dashboard talks to the backend: same-origin calls to the seller API, with the
// API key from sessionStorage in the Authorization header. The key is never put in a URL or the page.

const KEY = 'orderflow.apiKey';

export const session = {
  key: () => sessionStorage.getItem(KEY),
  signIn: (key) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

/** An answer other than 2xx, read from its problem+json (docs/problems.md) when it has one. */
export class ApiError extends Error {
  constructor(status, problem, { routeMissing = false } = {}) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.type = problem?.type;
    this.title = problem?.title ?? 'Request failed';
    this.detail = problem?.detail;
    this.rule = problem?.rule;
    // Field errors are `errors` in this API; `fields` is accepted too.
    this.fieldErrors = [...(problem?.errors ?? []), ...(problem?.fields ?? [])]
      .filter((e) => e && typeof e.field === 'string');
    this.allowedActions = problem?.allowedActions;
    this.routeMissing = routeMissing;
    this.auth = status === 401 || status === 403;
  }
}

/**
 * Calls the API; resolves with the JSON body, rejects with an ApiError. A 401 or 403 signs out
 * and sends the page to the sign-in view, except with {checkingKey: true} (the sign-in itself).
 */
export async function api(method, path, body, { checkingKey = false, headers = {} } = {}) {
  const response = await send(method, path, body, 'application/json', checkingKey, headers);
  return response.status === 204 ? null : response.json().catch(() => null);
}

/** The same for an HTML answer (the packing slip). */
export async function apiText(path) {
  const response = await send('GET', path, undefined, 'text/html', false);
  return response.text();
}

/** The same for a file (the wave PDF): a Blob of the answer's own content type. */
export async function apiBlob(path, accept) {
  const response = await send('GET', path, undefined, accept, false);
  return response.blob();
}

async function send(method, path, body, accept, checkingKey, extraHeaders = {}) {
  const key = session.key();
  const headers = { ...extraHeaders, accept: `${accept}, application/problem+json` };
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response;
  try {
    // Relative to the page, which API Gateway serves on the API's own origin: no CORS, no other host.
    response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer',
    });
  } catch {
    throw new ApiError(0, { title: 'The API could not be reached', detail: 'Check the connection and try again.' });
  }
  if (response.ok) return response;
  const type = response.headers.get('content-type') ?? '';
  const problem = type.includes('json') ? await response.json().catch(() => null) : null;
  if (response.status === 401 || response.status === 403) {
    session.signOut();
    if (!checkingKey) window.dispatchEvent(new CustomEvent('orderflow:signed-out'));
    throw new ApiError(response.status, {
      title: 'Your API key was not accepted',
      detail: 'It may have been revoked or mistyped. Sign in again with a current key.',
    });
  }
  // API Gateway's own 404 ({"message": "Not Found"}) means the route is not deployed here;
  // a missing order or SKU is a problem+json 404 from our functions.
  const routeMissing = response.status === 404 && !type.includes('problem+json');
  throw new ApiError(response.status, problem?.title || problem?.detail ? problem
    : { title: `The API answered ${response.status}`, detail: problem?.message }, { routeMissing });
}

/** "status=UNSHIPPED&limit=50" from an object, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function path(...segments) {
  return segments.map((s, i) => (i === 0 ? s : encodeURIComponent(s))).join('/');
}

/** A fresh idempotency key for one dialog (its retries reuse it). */
export function requestId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
