// The admin side of the page: journal, accounts, simulation controls and the conformance report (admin API only).
import { admin, escapeHtml, formatTime, trimNumber } from './api.js';

const $ = (id) => document.getElementById(id);
const shortKey = (key) => (key ? `${key.slice(0, 8)}…` : '-');
const say = (text) => { $('sim-message').textContent = text; };
const OPEN_ORDERS_SHOWN = 8; // newest first
let knownKeys = []; // [{apiKey, name}]

export async function refreshClock() {
  const clock = await admin('GET', '/clock');
  const text = `${clock.mode} · ${formatTime(clock.time)}${clock.mode === 'virtual' ? ` · speed ${clock.speed}` : ''}`;
  $('clock').textContent = text;
  $('clock').dataset.time = String(clock.time);
  $('clock-detail').textContent = text;
}

// ---- journal ----
export async function refreshJournal() {
  const form = new FormData($('journal-filter'));
  const query = new URLSearchParams({ limit: '60' });
  for (const name of ['apiKey', 'path', 'verdict']) if (form.get(name)) query.set(name, form.get(name));
  const { count, entries } = await admin('GET', `/journal?${query}`);
  $('journal-count').textContent = `${count} matching, newest first`;
  $('journal-table').tBodies[0].innerHTML = entries.map((e) => {
    const reason = [e.msg, e.reason].filter(Boolean).join(' — ');
    const detail = e.signedPayload != null
      ? `<tr class="detail"><td></td><td colspan="7">signed string: <code>${escapeHtml(e.signedPayload)}</code></td></tr>` : '';
    return `<tr class="${e.verdict}" data-id="${e.id}" data-code="${e.code ?? ''}"><td>${e.id}</td><td>${formatTime(e.time).slice(11)}</td>`
      + `<td>${escapeHtml(e.method)}</td><td>${escapeHtml(e.path)}</td><td title="${escapeHtml(e.apiKey)}">${escapeHtml(shortKey(e.apiKey))}</td>`
      + `<td>${e.status}</td><td>${e.code ?? ''}</td><td class="wrap">${escapeHtml(reason || e.query || '')}</td></tr>${detail}`;
  }).join('');
}

// ---- accounts ----
export async function refreshAccounts() {
  const accounts = await admin('GET', '/accounts');
  const orders = await Promise.all(accounts.map((a) => admin('GET', `/accounts/${a.accountId}/orders`)));
  knownKeys = accounts.flatMap((a) => a.apiKeys.map((k) => ({ apiKey: k.apiKey, name: a.name || `account ${a.accountId}` })));
  $('known-keys').innerHTML = knownKeys.map((k) => `<option value="${escapeHtml(k.apiKey)}">${escapeHtml(k.name)}</option>`).join('');
  const select = $('report-key');
  const chosen = select.value;
  select.innerHTML = '<option value="">every request</option>'
    + knownKeys.map((k) => `<option value="${escapeHtml(k.apiKey)}">${escapeHtml(k.name)} · ${escapeHtml(shortKey(k.apiKey))}</option>`).join('');
  select.value = chosen;
  $('account-list').innerHTML = accounts.map((a, i) => `
    <div class="account" data-account="${a.accountId}">
      <header><b>${escapeHtml(a.name || 'account')}</b><span class="muted">#${a.accountId}</span>
        ${a.disabled ? '<span class="down">disabled</span>' : ''}
        <span class="muted">${a.apiKeys.map((k) => `${escapeHtml(shortKey(k.apiKey))} (${k.permissions.join(', ')})`).join(' ')}</span></header>
      <table class="compact"><thead><tr><th>asset</th><th>free</th><th>locked</th></tr></thead><tbody>
        ${a.balances.map((b) => `<tr><td>${escapeHtml(b.asset)}</td><td>${escapeHtml(trimNumber(b.free))}</td><td>${escapeHtml(trimNumber(b.locked))}</td></tr>`).join('') || '<tr><td colspan="3" class="muted">no balances</td></tr>'}
      </tbody></table>
      <table class="compact orders"><thead><tr><th>open order</th><th>symbol</th><th>side</th><th>price</th><th>qty</th><th>filled</th></tr></thead><tbody>
        ${orders[i].slice(0, OPEN_ORDERS_SHOWN).map((o) => `<tr><td>${o.orderId}</td><td>${escapeHtml(o.symbol)}</td><td class="${o.side === 'BUY' ? 'up' : 'down'}">${o.side}</td>`
          + `<td>${escapeHtml(trimNumber(o.price))}</td><td>${escapeHtml(trimNumber(o.origQty))}</td><td>${escapeHtml(trimNumber(o.executedQty))}</td></tr>`).join('') || '<tr><td colspan="6" class="muted">no open orders</td></tr>'}
        ${orders[i].length > OPEN_ORDERS_SHOWN ? `<tr><td colspan="6" class="muted">and ${orders[i].length - OPEN_ORDERS_SHOWN} older open orders</td></tr>` : ''}
      </tbody></table>
    </div>`).join('');
}

// ---- simulation ----
export async function refreshSimulation() {
  const [snapshots, faults] = await Promise.all([admin('GET', '/snapshots'), admin('GET', '/faults')]);
  $('snapshot-list').innerHTML = snapshots.map((s) => `<li><b>${escapeHtml(s.name)}</b><span class="muted">${formatTime(s.time)}</span>`
    + `<button type="button" data-restore="${escapeHtml(s.name)}">Restore</button><button type="button" data-forget="${escapeHtml(s.name)}">Delete</button></li>`).join('')
    || '<li class="muted">none saved</li>';
  $('fault-table').tBodies[0].innerHTML = faults.map((f) => {
    const what = [f.method, f.route, f.status && `status ${f.status}`, f.code && `code ${f.code}`, f.msg && `"${f.msg}"`,
      f.errorRate < 1 && `rate ${f.errorRate}`, f.latency && `latency ${f.latency.ms || f.latency.medianMs || f.latency.maxMs} ms`,
      f.connection && `connection ${f.connection}`, f.stream && `stream ${f.stream}`].filter(Boolean).join(' ');
    return `<tr data-fault="${f.id}"><td>${f.id}</td><td>${escapeHtml(what)}</td><td>${f.fired}</td><td><button type="button" data-delete-fault="${f.id}">Delete</button></td></tr>`;
  }).join('') || '<tr><td colspan="4" class="muted">no fault rules</td></tr>';
}

export function wireSimulation(afterChange) {
  const act = async (label, work) => {
    try { await work(); say(`${label}: done`); } catch (e) { say(`${label}: ${e.message}`); }
    await afterChange();
  };
  $('advance-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const ms = Number(new FormData(e.target).get('ms'));
    act(`advance ${ms} ms`, () => admin('POST', '/clock/advance', { ms }));
  });
  document.querySelectorAll('[data-advance]').forEach((b) => b.addEventListener('click', () =>
    act(`advance ${b.dataset.advance} ms`, () => admin('POST', '/clock/advance', { ms: Number(b.dataset.advance) }))));
  $('mode-virtual').addEventListener('click', () => act('virtual time', () => admin('POST', '/clock', { mode: 'virtual' })));
  $('mode-real').addEventListener('click', () => act('real time', () => admin('POST', '/clock', { mode: 'real' })));
  $('reset').addEventListener('click', () => act('reset', () => admin('POST', '/reset', {})));
  $('snapshot-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const name = new FormData(e.target).get('name');
    act(`snapshot ${name}`, () => admin('POST', '/snapshots', { name }));
  });
  $('snapshot-list').addEventListener('click', (e) => {
    const { restore, forget } = e.target.dataset;
    if (restore) act(`restore ${restore}`, () => admin('POST', `/snapshots/${encodeURIComponent(restore)}/restore`));
    if (forget) act(`delete ${forget}`, () => admin('DELETE', `/snapshots/${encodeURIComponent(forget)}`));
  });
  $('fault-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    const rule = { route: form.get('route') };
    if (form.get('method')) rule.method = form.get('method');
    for (const name of ['status', 'code', 'errorRate', 'latencyMs']) if (form.get(name) !== '') rule[name] = Number(form.get(name));
    if (form.get('msg')) rule.msg = form.get('msg');
    act('add fault', () => admin('POST', '/faults', rule));
  });
  $('fault-table').addEventListener('click', (e) => {
    const id = e.target.dataset.deleteFault;
    if (id) act(`delete fault ${id}`, () => admin('DELETE', `/faults/${id}`));
  });
}

// ---- conformance report ----
const meter = (used) => `<span class="meter ${used >= 1 ? 'full' : used >= 0.8 ? 'hot' : ''}"><i style="width:${Math.min(100, used * 100).toFixed(0)}%"></i></span>`;

export async function refreshReport() {
  const apiKey = $('report-key').value;
  const path = apiKey ? `/report?apiKey=${encodeURIComponent(apiKey)}` : '/report';
  $('report-json').href = `/admin/v1${path}`;
  const r = await admin('GET', path);
  const limit = (l) => `<tr><td>${l.rateLimitType} per ${l.interval.toLowerCase()}</td><td>${l.peak} / ${l.limit}</td><td>${meter(l.used)} ${(l.used * 100).toFixed(1)}%</td>`
    + `<td class="muted">${l.peakAt == null ? '' : formatTime(l.peakAt)}</td></tr>`;
  $('report-body').innerHTML = `
    <p><b>${r.requests}</b> requests since ${formatTime(r.since)}: <span class="up">${r.accepted} accepted</span>, <span class="down">${r.rejected} rejected</span>
      ${r.rateLimits.enabled ? '' : '<span class="muted">(rate limits are off on this venue)</span>'}</p>
    <div class="report-grid">
      <div><h3>Endpoints called</h3><table class="compact"><thead><tr><th>endpoint</th><th>calls</th><th>rejected</th></tr></thead><tbody>
        ${r.endpoints.map((e) => `<tr><td>${escapeHtml(e.endpoint)}</td><td>${e.count}</td><td>${e.rejected}</td></tr>`).join('') || '<tr><td colspan="3" class="muted">none</td></tr>'}
      </tbody></table></div>
      <div><h3>Errors received</h3><table class="compact"><thead><tr><th>code</th><th>status</th><th>count</th><th>reasons</th></tr></thead><tbody>
        ${r.errors.map((e) => `<tr data-error-code="${e.code}"><td>${e.code}</td><td>${e.status}</td><td>${e.count}</td><td class="wrap">${e.reasons.map(escapeHtml).join('<br>')}</td></tr>`).join('') || '<tr><td colspan="4" class="muted">none</td></tr>'}
      </tbody></table></div>
      <div><h3>Rate-limit headroom (peak window)</h3><table class="compact"><tbody>${limit(r.rateLimits.requestWeight)}${limit(r.rateLimits.orders)}</tbody></table></div>
      <div><h3>Timestamp drift (recvWindow)</h3>
        <p>${r.recvWindow.signedRequests} signed requests; largest drift ${r.recvWindow.maxDriftMs} ms, ${(r.recvWindow.maxWindowUsed * 100).toFixed(1)}% of the window.
          Requests at ${(r.recvWindow.threshold * 100).toFixed(0)}% or more:</p>
        <table class="compact"><thead><tr><th>time</th><th>endpoint</th><th>drift</th><th>recvWindow</th><th>used</th><th>code</th></tr></thead><tbody>
        ${r.recvWindow.nearEdge.map((d) => `<tr><td>${formatTime(d.time).slice(11)}</td><td>${escapeHtml(d.endpoint)}</td><td>${d.driftMs} ms</td><td>${d.recvWindow}</td>`
          + `<td>${(d.windowUsed * 100).toFixed(0)}%</td><td>${d.code ?? ''}</td></tr>`).join('') || '<tr><td colspan="6" class="muted">none</td></tr>'}
        </tbody></table></div>
    </div>`;
}
