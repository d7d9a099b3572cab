// The public API, called with the portal session's cookie. Every state-changing call carries the
// session's CSRF token (from GET /api/v1/me); "X-Requested-With: JavaScript" makes an expired session
// answer 499 instead of a redirect to the login page, and the page then reloads (which logs in again).

let csrfToken = null;

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error : `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json', 'X-Requested-With': 'JavaScript' };
  if (method !== 'GET' && method !== 'HEAD') {
    headers['X-CSRF-Token'] = csrfToken ?? '';
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 499 || response.status === 401) {
    window.location.reload();
    throw new ApiError(response.status, null);
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, json);
  }
  return json;
}

/** Who is logged in; keeps the session's CSRF token for later calls. */
export async function whoAmI() {
  const me = await api('/api/v1/me');
  csrfToken = me.csrfToken;
  return me;
}
