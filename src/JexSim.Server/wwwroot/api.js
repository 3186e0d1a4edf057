// Talking to the venue: JEX REST, the admin API (with the admin token when the venue has one) and stream URLs.
const TOKEN_HEADER = 'X-JEXSIM-ADMIN-TOKEN';
const TOKEN_KEY = 'jexsim.adminToken';

export const adminToken = {
  get: () => sessionStorage.getItem(TOKEN_KEY) || '',
  set: (token) => sessionStorage.setItem(TOKEN_KEY, token),
};

async function call(path, options = {}) {
  const response = await fetch(path, options);
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = new Error(body && body.msg ? `${body.code}: ${body.msg}` : `HTTP ${response.status}`);
    error.status = response.status;
    error.body = body;
    throw error;
  }
  return body;
}

/** A public JEX endpoint: jex('/api/v1/spot/depth', {symbol: 'BTCUSDT'}). */
export function jex(path, query = {}) {
  const q = new URLSearchParams(query).toString();
  return call(q ? `${path}?${q}` : path);
}

/** An admin call: admin('GET', '/clock'), admin('POST', '/clock/advance', {ms: 60000}). */
export function admin(method, path, body) {
  const headers = {};
  const token = adminToken.get();
  if (token) headers[TOKEN_HEADER] = token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return call(`/admin/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** The combined-stream URL for these stream names, on the server that served the page. */
export function streamUrl(names) {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/stream?streams=${names.join('/')}`;
}

export const escapeHtml = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** Venue time (ms) as "2026-01-01 00:01:00.000" (UTC). */
export const formatTime = (ms) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

/** Strips the 8-decimal padding for display: "30000.00000000" -> "30000.00" (keeps at least two decimals). */
export function trimNumber(text) {
  if (typeof text !== 'string' || !text.includes('.')) return text;
  const [whole, fraction] = text.split('.');
  const kept = fraction.replace(/0+$/, '');
  return `${whole}.${kept.length < 2 ? kept.padEnd(2, '0') : kept}`;
}
