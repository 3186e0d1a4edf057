// The dashboard's entry point: markets for everyone; journal, accounts, simulation and report once the admin API answers.
import { admin, adminToken } from './api.js';
import { loadMarkets, renderSymbolTabs, selectSymbol } from './markets.js';
import { refreshClock, refreshJournal, refreshAccounts, refreshSimulation, refreshReport, wireSimulation } from './admin.js';

const REFRESH_MS = 1000;

/** True when the admin API answers (no token configured, or the right one entered). */
async function adminAvailable() {
  try {
    await admin('GET', '/clock');
    return true;
  } catch (e) {
    if (e.status === 401) return false;
    throw e;
  }
}

function showAdmin(available) {
  document.querySelectorAll('[data-admin]').forEach((el) => { el.hidden = !available; });
  document.getElementById('token-form').hidden = available;
  document.getElementById('admin-locked').hidden = available;
  if (!available) document.getElementById('clock').textContent = 'market data only';
}

async function refreshAdmin() {
  await Promise.all([refreshClock(), refreshJournal(), refreshAccounts(), refreshSimulation(), refreshReport()]);
}

async function start() {
  const markets = await loadMarkets();
  renderSymbolTabs(markets, selectSymbol);
  const first = markets.find((m) => m.market === 'spot') ?? markets[0]; // spot first: exchangeInfo lists optionSymbols before it
  if (first) await selectSymbol(first.market, first.symbols[0]);

  let available = await adminAvailable();
  showAdmin(available);
  document.getElementById('token-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    adminToken.set(document.getElementById('token-input').value);
    available = await adminAvailable();
    showAdmin(available);
    if (available) await refreshAdmin();
  });
  wireSimulation(refreshAdmin);
  document.getElementById('journal-filter').addEventListener('submit', (e) => { e.preventDefault(); refreshJournal(); });
  document.getElementById('report-form').addEventListener('submit', (e) => { e.preventDefault(); refreshReport(); });
  document.getElementById('report-key').addEventListener('change', () => refreshReport());

  if (available) await refreshAdmin();
  let busy = false;
  setInterval(async () => {
    if (!available || busy) return;
    busy = true;
    try { await refreshAdmin(); } catch (e) { console.warn('refresh failed', e); } finally { busy = false; }
  }, REFRESH_MS);
  document.body.dataset.ready = 'true';
}

start().catch((e) => {
  document.body.dataset.ready = 'error';
  document.getElementById('admin-locked').hidden = false;
  document.getElementById('admin-locked').textContent = `The dashboard could not start: ${e.message}`;
});
