// Every market and symbol the venue lists in exchangeInfo, each fed by the server's own public WebSocket streams:
// <symbol>@<market>Kline_1M, <market>Depth20, <market>Trade and <market>Ticker on one combined connection.
import { jex, streamUrl, escapeHtml, formatTime, trimNumber } from './api.js';

const BOOK_LEVELS = 12;
const TRADES_KEPT = 30;

let current = null; // { market, symbol, socket, candles: Map<openTime, kline> }
let chart = null;
let series = null;

/** [{market: 'spot', symbols: [...]}, ...] for every "<market>Symbols" array exchangeInfo has. */
export async function loadMarkets() {
  const info = await jex('/api/v1/exchangeInfo');
  return Object.keys(info)
    .filter((key) => key.endsWith('Symbols') && Array.isArray(info[key]) && info[key].length > 0)
    .map((key) => ({ market: key.slice(0, -'Symbols'.length), symbols: info[key].map((s) => s.symbol) }));
}

export function renderSymbolTabs(markets, onSelect) {
  const tabs = document.getElementById('symbols');
  tabs.innerHTML = '';
  for (const { market, symbols } of markets) {
    const label = document.createElement('span');
    label.className = 'market';
    label.textContent = market;
    tabs.append(label);
    for (const symbol of symbols) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = symbol;
      button.dataset.symbol = symbol;
      button.dataset.market = market;
      button.addEventListener('click', () => onSelect(market, symbol));
      tabs.append(button);
    }
  }
}

function ensureChart() {
  if (chart) return;
  const container = document.getElementById('chart');
  chart = LightweightCharts.createChart(container, {
    autoSize: true,
    layout: { background: { color: '#161c23' }, textColor: '#d7dde4', fontFamily: 'system-ui, sans-serif' },
    grid: { vertLines: { color: '#1f2731' }, horzLines: { color: '#1f2731' } },
    timeScale: { timeVisible: true, secondsVisible: false, borderColor: '#26303b' },
    rightPriceScale: { borderColor: '#26303b' },
  });
  series = chart.addSeries(LightweightCharts.CandlestickSeries, {
    upColor: '#26a69a', downColor: '#ef5350', borderVisible: false, wickUpColor: '#26a69a', wickDownColor: '#ef5350',
  });
}

const toBar = (k) => ({ time: k.openTime / 1000, open: +k.open, high: +k.high, low: +k.low, close: +k.close });
const hasPrice = (k) => +k.close > 0; // before a symbol's first trade its candle is flat at 0: not drawn

/** Shows one symbol: REST for the history, then the streams keep everything live. */
export async function selectSymbol(market, symbol) {
  if (current?.socket) current.socket.close();
  document.querySelectorAll('#symbols button').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.symbol === symbol && b.dataset.market === market)));
  ensureChart();
  const state = { market, symbol, socket: null, candles: new Map(), serverTime: 0 };
  current = state;
  document.getElementById('trades').tBodies[0].innerHTML = '';

  const [klines, depth, trades, ticker, time] = await Promise.all([
    jex(`/api/v1/${market}/klines`, { symbol, interval: '1m', limit: 500 }),
    jex(`/api/v1/${market}/depth`, { symbol, limit: 20 }),
    jex(`/api/v1/${market}/trades`, { symbol, limit: TRADES_KEPT }),
    jex(`/api/v1/${market}/ticker/24hr`, { symbol }),
    jex('/api/v1/time'),
  ]);
  if (current !== state) return;
  state.serverTime = time.serverTime;
  showCandles(state, klines);
  renderBook(depth);
  for (const t of [...trades].reverse()) addTrade({ T: t.time, p: t.price, q: t.qty, m: t.isBuyerMaker });
  renderTicker(ticker);

  const lower = symbol.toLowerCase();
  const socket = new WebSocket(streamUrl([`${lower}@${market}Kline_1M`, `${lower}@${market}Depth20`, `${lower}@${market}Trade`, `${lower}@${market}Ticker`]));
  state.socket = socket;
  socket.addEventListener('message', (event) => {
    if (current !== state) return;
    const { stream, data } = JSON.parse(event.data);
    if (stream.includes('Kline')) onKline(state, data);
    else if (stream.includes('Depth')) renderBook(data);
    else if (stream.includes('Trade')) for (const t of data) addTrade(t);
    else if (stream.includes('Ticker')) renderTicker(data);
  });
  socket.addEventListener('close', () => {
    if (current === state) document.getElementById('book-status').textContent = 'stream closed, reconnecting…';
    if (current === state) setTimeout(() => current === state && selectSymbol(market, symbol), 1000);
  });
}

function onKline(state, data) {
  const k = data.k;
  state.serverTime = Math.max(state.serverTime, data.E);
  const isNew = !state.candles.has(k.t);
  state.candles.set(k.t, { openTime: k.t, open: k.o, high: k.h, low: k.l, close: k.c, closeTime: k.T });
  if (isNew) {
    // The stream carries only the current candle: the ones it closed may have traded since its last push
    // (the virtual clock can jump minutes at once), so their final values come from REST.
    jex(`/api/v1/${state.market}/klines`, { symbol: state.symbol, interval: '1m', limit: 500 })
      .then((klines) => current === state && showCandles(state, klines))
      .catch((e) => console.warn('klines reload failed', e));
    return;
  }
  if (hasPrice(state.candles.get(k.t))) series.update(toBar(state.candles.get(k.t)));
  renderCandleStatus(state);
}

/** REST klines ([openTime, open, high, low, close, volume, closeTime, ...]) into the chart. */
function showCandles(state, klines) {
  for (const k of klines) state.candles.set(k[0], { openTime: k[0], open: k[1], high: k[2], low: k[3], close: k[4], closeTime: k[6] });
  series.setData([...state.candles.values()].sort((a, b) => a.openTime - b.openTime).filter(hasPrice).map(toBar));
  chart.timeScale().fitContent();
  renderCandleStatus(state);
}

/** "3 candles, 2 closed · last closed 00:01 O 30000 C 30010": the browser tests read this line. */
function renderCandleStatus(state) {
  const all = [...state.candles.values()].sort((a, b) => a.openTime - b.openTime);
  const closed = all.filter((k) => k.closeTime < state.serverTime);
  const last = closed[closed.length - 1];
  const el = document.getElementById('candle-status');
  el.dataset.closed = String(closed.length);
  el.textContent = `${state.symbol} 1m · ${all.length} candles, ${closed.length} closed`
    + (last ? ` · last closed ${formatTime(last.openTime).slice(11, 16)} O ${trimNumber(last.open)} C ${trimNumber(last.close)}` : '');
}

function renderBook(depth) {
  const asks = depth.asks.slice(0, BOOK_LEVELS);
  const bids = depth.bids.slice(0, BOOK_LEVELS);
  let cumulative = 0;
  const askRows = asks.map(([p, q]) => ({ p, q, total: (cumulative += +q) }));
  cumulative = 0;
  const bidRows = bids.map(([p, q]) => ({ p, q, total: (cumulative += +q) }));
  const max = Math.max(1e-12, ...askRows.map((r) => r.total), ...bidRows.map((r) => r.total));
  const row = (side, r) => `<tr class="${side}" data-price="${escapeHtml(trimNumber(r.p))}"><td><span>${escapeHtml(trimNumber(r.p))}</span></td>`
    + `<td><span>${escapeHtml(trimNumber(r.q))}</span></td><td><i class="bar" style="width:${(100 * r.total / max).toFixed(1)}%"></i><span>${r.total.toFixed(4)}</span></td></tr>`;
  const spread = asks.length && bids.length ? `spread ${(asks[0][0] - bids[0][0]).toFixed(8).replace(/0+$/, '').replace(/\.$/, '')}` : 'one-sided book';
  document.getElementById('book').innerHTML = '<thead><tr><th>price</th><th>qty</th><th>total</th></tr></thead><tbody>'
    + askRows.reverse().map((r) => row('ask', r)).join('')
    + `<tr class="spread"><td colspan="3">${spread}</td></tr>`
    + bidRows.map((r) => row('bid', r)).join('') + '</tbody>';
  document.getElementById('book-status').textContent = `depth ${asks.length}×${bids.length}` + (depth.lastUpdateId ? ` · update ${depth.lastUpdateId}` : '');
}

function addTrade(t) {
  const body = document.getElementById('trades').tBodies[0];
  const tr = document.createElement('tr');
  tr.className = t.m ? 'down' : 'up';
  tr.innerHTML = `<td>${formatTime(t.T).slice(11, 19)}</td><td>${escapeHtml(trimNumber(t.p))}</td><td>${escapeHtml(trimNumber(String(t.q)))}</td>`;
  body.prepend(tr);
  while (body.rows.length > TRADES_KEPT) body.deleteRow(body.rows.length - 1);
}

function renderTicker(t) {
  // REST ticker/24hr and the ticker stream carry the same numbers under different names.
  const last = t.lastPrice ?? t.c, change = t.priceChange ?? t.p, percent = t.priceChangePercent ?? t.P;
  const high = t.highPrice ?? t.h, low = t.lowPrice ?? t.l, volume = t.volume ?? t.v, quote = t.quoteVolume ?? t.q;
  const direction = +change > 0 ? 'up' : +change < 0 ? 'down' : '';
  const field = (name, value) => `<span><small>${name}</small>${escapeHtml(trimNumber(value))}</span>`;
  document.getElementById('ticker').innerHTML = `<span><b class="${direction}">${escapeHtml(trimNumber(last))}</b></span>`
    + `<span class="${direction}"><small>24h</small>${escapeHtml(trimNumber(change))} (${escapeHtml(percent)}%)</span>`
    + field('high', high) + field('low', low) + field('volume', volume) + field('quote volume', quote);
}
