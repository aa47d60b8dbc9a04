/*
 * Bellwether Markets: live price page.
 *
 * Connects to ws(s)://<host>/ws/market and renders two kinds of JSON messages:
 *   {"type":"snapshot", nodeId, role, leaderId, epoch, revision, store, publishedAtMillis, quotes:[...]}
 *   {"type":"status",   nodeId, role, leaderId, epoch}
 * Plain ES2020, no dependencies. Malformed messages are logged and ignored.
 */
(() => {
  'use strict';

  const BACKOFF_BASE_MS = 500;
  const BACKOFF_MAX_MS = 10000;
  const CONNECT_TIMEOUT_MS = 10000;
  const FAILURES_BEFORE_OFFLINE = 4; // consecutive failed attempts before the pill turns red
  const TICK_MS = 100;
  const FLASH_MS = 800;
  const NOTICE_MS = 6000;
  const DASH = '—';
  const MINUS = '\u2212';

  const byId = (id) => document.getElementById(id);
  const el = {
    nodeId: byId('node-id'),
    role: byId('role'),
    leaderId: byId('leader-id'),
    leaderHint: byId('leader-hint'),
    epoch: byId('epoch'),
    revision: byId('revision'),
    age: byId('age'),
    connection: byId('connection'),
    connectionText: byId('connection-text'),
    quotes: byId('quotes'),
    empty: byId('empty'),
    summary: byId('summary'),
    notice: byId('notice'),
  };

  const state = {
    nodeId: null,
    role: null,
    leaderId: null,
    leaderKnown: false,
    epoch: null,
    revision: 0,
    store: null,
    publishedAtMillis: null,
    receivedAt: null,
    publishIntervalMs: null,
    connection: 'connecting',
  };

  /** Read by automated tests; updated on every snapshot (and on status/connection changes). */
  const marketState = { revision: 0, receivedAt: null };
  window.marketState = marketState;

  function publishState() {
    marketState.revision = state.revision;
    marketState.receivedAt = state.receivedAt;
    marketState.publishedAtMillis = state.publishedAtMillis;
    marketState.nodeId = state.nodeId;
    marketState.role = state.role;
    marketState.leaderId = state.leaderId;
    marketState.epoch = state.epoch;
    marketState.connection = state.connection;
  }

  // ---------------------------------------------------------------- helpers

  function setText(node, text) {
    if (node && node.textContent !== text) node.textContent = text;
  }

  function toNumber(value) {
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (typeof value === 'string' && value.trim() !== '') {
      const n = Number(value);
      return Number.isFinite(n) ? n : null;
    }
    return null;
  }

  function toInt(value) {
    const n = toNumber(value);
    return n === null ? null : Math.trunc(n);
  }

  function toText(value) {
    if (typeof value === 'string') return value.trim();
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return '';
  }

  // ---------------------------------------------------------------- number formatting

  const formatters = new Map();
  function formatter(digits) {
    let f = formatters.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits });
      formatters.set(digits, f);
    }
    return f;
  }

  function formatNumber(value, digits) {
    return formatter(digits).format(value);
  }

  function formatSigned(value, digits, suffix) {
    const rounded = Number(value.toFixed(digits));
    if (rounded === 0) return formatNumber(0, digits) + suffix;
    return (rounded > 0 ? '+' : MINUS) + formatNumber(Math.abs(rounded), digits) + suffix;
  }

  const currencyDigitsCache = new Map();
  function currencyDigits(code) {
    if (!/^[A-Za-z]{3}$/.test(code)) return 2;
    if (!currencyDigitsCache.has(code)) {
      let digits = 2;
      try {
        digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
          .maximumFractionDigits;
      } catch (e) {
        digits = 2;
      }
      currencyDigitsCache.set(code, digits);
    }
    return currencyDigitsCache.get(code);
  }

  const isoCurrencies = (() => {
    try {
      if (typeof Intl.supportedValuesOf === 'function') return new Set(Intl.supportedValuesOf('currency'));
    } catch (e) {
      /* fall through */
    }
    return new Set(['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'NZD', 'SEK', 'NOK', 'DKK', 'CNY', 'CNH',
      'HKD', 'SGD', 'INR', 'MXN', 'ZAR', 'TRY', 'PLN', 'BRL', 'KRW', 'HUF', 'CZK', 'ILS']);
  })();

  /** EURUSD, EUR/USD, EUR-USD, EURUSD=X: both halves ISO currencies (metals such as XAU excluded). */
  function isFxPair(symbol) {
    const m = /^([A-Z]{3})[/\-_ ]?([A-Z]{3})(=X)?$/.exec(symbol.toUpperCase());
    if (!m || m[1] === m[2] || m[1].startsWith('X') || m[2].startsWith('X')) return false;
    return (isoCurrencies.has(m[1]) || m[1] === 'CNH') && (isoCurrencies.has(m[2]) || m[2] === 'CNH');
  }

  /** Decimals the feed actually used (ignoring float noise), or -1 for an unrounded value. */
  function decimalsIn(value, max) {
    for (let d = 0; d <= max; d++) {
      if (Math.abs(value - Number(value.toFixed(d))) <= Math.abs(value) * 1e-12 + 1e-12) return d;
    }
    return -1;
  }

  /** Sensible decimals for a price: the currency's minor unit, more for FX and small prices. */
  function priceDecimals(symbol, currency, price) {
    let base = currencyDigits(currency);
    const abs = Math.abs(price);
    if (isFxPair(symbol)) base = abs >= 20 ? 3 : 4;
    else if (abs > 0 && abs < 1) base = Math.max(base, 4);
    else if (abs > 0 && abs < 10) base = Math.max(base, 2);
    // Honour precision the feed actually sends (e.g. a 5th FX decimal), within reason.
    return Math.max(base, decimalsIn(price, base + 2));
  }

  // ---------------------------------------------------------------- header

  let noticeTimer = null;
  function showNotice(text) {
    setText(el.notice, text);
    el.notice.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => {
      el.notice.hidden = true;
    }, NOTICE_MS);
  }

  function applyIdentity(msg) {
    const prevNode = state.nodeId;
    const prevLeader = state.leaderId;
    const prevRole = state.role;
    const leaderWasKnown = state.leaderKnown;

    if ('nodeId' in msg) {
      const v = toText(msg.nodeId);
      if (v) state.nodeId = v;
    }
    if ('role' in msg) {
      const v = toText(msg.role).toUpperCase();
      if (v) state.role = v;
    }
    if ('leaderId' in msg) {
      state.leaderId = toText(msg.leaderId) || null;
      state.leaderKnown = true;
    }
    if ('epoch' in msg) {
      const v = toInt(msg.epoch);
      if (v !== null) state.epoch = v;
    }

    setText(el.nodeId, state.nodeId || DASH);
    setText(el.role, state.role || DASH);
    el.role.dataset.role = state.role ? state.role.toLowerCase() : 'unknown';
    setText(el.leaderId, state.leaderId || DASH);
    el.leaderHint.hidden = !(state.leaderId && state.leaderId === state.nodeId);
    setText(el.epoch, state.epoch === null ? DASH : String(state.epoch));

    document.title = state.nodeId
      ? `Bellwether Markets · ${state.nodeId}${state.role ? ` (${state.role.toLowerCase()})` : ''}`
      : 'Bellwether Markets';

    const epochText = state.epoch === null ? '' : ` · epoch ${state.epoch}`;
    if (prevNode && state.nodeId && prevNode !== state.nodeId) {
      showNotice(`Now connected to instance ${state.nodeId}`);
    } else if (leaderWasKnown && state.leaderId !== prevLeader) {
      if (!state.leaderId) showNotice('Leader lost, a new one is being elected…');
      else if (state.leaderId === state.nodeId) showNotice(`This instance took over as leader${epochText}`);
      else showNotice(`Leadership moved to ${state.leaderId}${epochText}`);
    } else if (prevRole && state.role && prevRole !== state.role) {
      showNotice(`This instance is now ${state.role.toLowerCase()}${epochText}`);
    }
  }

  // ---------------------------------------------------------------- quotes table

  /** symbol -> row record; Map iteration order = first-seen order = table order. */
  const rows = new Map();

  function cell(className) {
    const td = document.createElement('td');
    td.className = className;
    return td;
  }

  function span(className) {
    const s = document.createElement('span');
    s.className = className;
    return s;
  }

  function createRow(symbol) {
    const tr = document.createElement('tr');
    tr.dataset.symbol = symbol;
    tr.dataset.direction = 'flat';

    const tdSymbol = cell('symbol');
    const ticker = span('ticker');
    ticker.textContent = symbol;
    const sub = span('sub');
    tdSymbol.append(ticker, sub);

    const tdName = cell('name');
    const nameText = span('name-text');
    const ccy = span('ccy');
    tdName.append(nameText, ccy);

    const tdPrice = cell('price num');
    const tdChange = cell('change num');
    const tdPct = cell('pct num');

    tr.append(tdSymbol, tdName, tdPrice, tdChange, tdPct);
    return { symbol, tr, sub, nameText, ccy, tdPrice, tdChange, tdPct, price: null, decimals: 0, flashTimer: null };
  }

  function setChange(td, arrow, text) {
    td.textContent = '';
    if (arrow) {
      const a = span('arrow');
      a.setAttribute('aria-hidden', 'true');
      a.textContent = arrow;
      td.append(a);
    }
    td.append(document.createTextNode(text));
  }

  function flash(row, direction) {
    const tr = row.tr;
    tr.classList.remove('flash-up', 'flash-down');
    void tr.offsetWidth; // restart the CSS animation
    tr.classList.add(direction > 0 ? 'flash-up' : 'flash-down');
    clearTimeout(row.flashTimer);
    row.flashTimer = setTimeout(() => tr.classList.remove('flash-up', 'flash-down'), FLASH_MS + 100);
  }

  function updateRow(row, quote) {
    const name = toText(quote.name);
    const currency = toText(quote.currency).toUpperCase();
    const price = toNumber(quote.price);
    const open = toNumber(quote.open);

    setText(row.nameText, name || row.symbol);
    setText(row.ccy, currency);
    setText(row.sub, [name, currency].filter(Boolean).join(' · '));

    if (price === null) {
      setText(row.tdPrice, DASH);
      row.tdPrice.removeAttribute('data-price');
    } else {
      row.decimals = Math.max(row.decimals, priceDecimals(row.symbol, currency, price));
      setText(row.tdPrice, formatNumber(price, row.decimals));
      row.tdPrice.dataset.price = String(price);
      if (row.price !== null && price !== row.price) flash(row, price > row.price ? 1 : -1);
    }
    row.tdPrice.title = open === null ? '' : `Open ${formatNumber(open, row.decimals || 2)}${currency ? ' ' + currency : ''}`;
    row.price = price;

    let direction = 'flat';
    if (price !== null && open !== null && open !== 0) {
      const diff = price - open;
      const pct = (diff / Math.abs(open)) * 100;
      const digits = row.decimals || 2;
      const roundedDiff = Number(diff.toFixed(digits));
      direction = roundedDiff > 0 ? 'up' : roundedDiff < 0 ? 'down' : 'flat';
      const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '';
      setChange(row.tdChange, arrow, formatSigned(diff, digits, ''));
      setChange(row.tdPct, '', formatSigned(pct, 2, '%'));
      row.tdPct.title = `${formatSigned(diff, digits, '')} since open`;
    } else {
      setChange(row.tdChange, '', DASH);
      setChange(row.tdPct, '', DASH);
      row.tdPct.title = '';
    }
    row.tr.dataset.direction = direction;
    return direction;
  }

  function renderQuotes(quotes) {
    const seen = new Set();
    let up = 0;
    let down = 0;
    for (const quote of quotes) {
      if (!quote || typeof quote !== 'object') continue;
      const symbol = toText(quote.symbol);
      if (!symbol || seen.has(symbol)) continue;
      seen.add(symbol);
      let row = rows.get(symbol);
      if (!row) {
        row = createRow(symbol);
        rows.set(symbol, row);
        el.quotes.append(row.tr);
      }
      const direction = updateRow(row, quote);
      if (direction === 'up') up++;
      else if (direction === 'down') down++;
    }
    // Instruments no longer in the snapshot leave the table; the others keep their place.
    for (const [symbol, row] of rows) {
      if (!seen.has(symbol)) {
        clearTimeout(row.flashTimer);
        row.tr.remove();
        rows.delete(symbol);
      }
    }

    el.empty.hidden = rows.size > 0;
    el.summary.textContent = '';
    if (rows.size > 0) {
      const total = document.createTextNode(`${rows.size} instrument${rows.size === 1 ? '' : 's'} · `);
      const ups = span('up');
      ups.textContent = `▲ ${up}`;
      const downs = span('down');
      downs.textContent = `▼ ${down}`;
      el.summary.append(total, ups, document.createTextNode(' '), downs, document.createTextNode(' vs open'));
    }
  }

  // ---------------------------------------------------------------- messages

  function applySnapshot(msg, receivedAt) {
    applyIdentity(msg);

    const revisionValue = toInt(msg.revision);
    const revision = revisionValue !== null && revisionValue >= 0 ? revisionValue : 0;
    const published = toNumber(msg.publishedAtMillis);

    // Learn the publication interval, to tell when data is late.
    if (published !== null && state.publishedAtMillis !== null && revision > state.revision && state.revision > 0) {
      const perRevision = (published - state.publishedAtMillis) / (revision - state.revision);
      if (perRevision > 0 && perRevision < 3600000) state.publishIntervalMs = perRevision;
    }

    const changed = revision !== state.revision;
    state.revision = revision;
    state.publishedAtMillis = published;
    state.store = toText(msg.store) || null;
    state.receivedAt = receivedAt;

    setText(el.revision, String(revision));
    el.revision.title = state.store ? `Store ${state.store}` : '';
    if (changed && revision > 0) {
      el.revision.classList.remove('bump');
      void el.revision.offsetWidth;
      el.revision.classList.add('bump');
    }

    renderQuotes(Array.isArray(msg.quotes) ? msg.quotes : []);
    updateAge();
    publishState();
  }

  function applyStatus(msg) {
    applyIdentity(msg);
    publishState();
  }

  function handleMessage(data, receivedAt) {
    if (typeof data !== 'string') {
      console.warn('[market] ignoring non-text message');
      return;
    }
    let msg;
    try {
      msg = JSON.parse(data);
    } catch (e) {
      console.warn('[market] ignoring malformed message:', e.message, data.slice(0, 200));
      return;
    }
    if (!msg || typeof msg !== 'object' || Array.isArray(msg)) {
      console.warn('[market] ignoring message that is not an object:', data.slice(0, 200));
      return;
    }
    try {
      switch (msg.type) {
        case 'snapshot':
          applySnapshot(msg, receivedAt);
          break;
        case 'status':
          applyStatus(msg);
          break;
        default:
          console.warn('[market] ignoring message of unknown type:', msg.type);
      }
    } catch (e) {
      console.error('[market] failed to apply message', e, msg);
    }
  }

  // ---------------------------------------------------------------- data age

  function formatAge(ms) {
    const seconds = ms / 1000;
    if (seconds < 60) return `${seconds.toFixed(1)} s`;
    const totalSeconds = Math.floor(seconds);
    if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)} min ${totalSeconds % 60} s`;
    const totalMinutes = Math.floor(totalSeconds / 60);
    if (totalMinutes < 1440) return `${Math.floor(totalMinutes / 60)} h ${totalMinutes % 60} min`;
    return `${Math.floor(totalMinutes / 1440)} d ${Math.floor((totalMinutes % 1440) / 60)} h`;
  }

  function updateAge() {
    if (state.revision > 0 && state.publishedAtMillis !== null) {
      const age = Math.max(0, Date.now() - state.publishedAtMillis);
      setText(el.age, `updated ${formatAge(age)} ago`);
      const limit = state.publishIntervalMs !== null ? Math.max(state.publishIntervalMs * 3, 15000) : 300000;
      const stale = age > limit ? 'true' : 'false';
      if (el.age.dataset.stale !== stale) {
        el.age.dataset.stale = stale;
        el.age.title = stale === 'true'
          ? 'No new revision for longer than usual'
          : `Published ${new Date(state.publishedAtMillis).toLocaleTimeString()}`;
      }
    } else {
      setText(el.age, DASH);
      el.age.dataset.stale = 'false';
      el.age.title = '';
    }
  }

  // ---------------------------------------------------------------- connection

  const conn = {
    ws: null,
    failures: 0,
    everConnected: false,
    retryTimer: null,
    retryAt: 0,
    connectTimer: null,
    suspended: false,
  };

  function setConnection(name, text) {
    state.connection = name;
    if (el.connection.dataset.state !== name) el.connection.dataset.state = name;
    if (document.body.dataset.connection !== name) document.body.dataset.connection = name;
    setText(el.connectionText, text);
    marketState.connection = name;
  }

  function socketUrl() {
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${window.location.host}/ws/market`;
  }

  function looksOffline() {
    return navigator.onLine === false || conn.failures >= FAILURES_BEFORE_OFFLINE;
  }

  function clearRetry() {
    clearTimeout(conn.retryTimer);
    conn.retryTimer = null;
  }

  function connect() {
    clearRetry();
    if (conn.ws || conn.suspended) return;

    if (looksOffline()) setConnection('offline', 'Offline · reconnecting…');
    else setConnection('connecting', conn.everConnected || conn.failures > 0 ? 'Reconnecting…' : 'Connecting…');

    let ws;
    try {
      ws = new WebSocket(socketUrl());
    } catch (e) {
      console.error('[market] cannot open WebSocket', e);
      conn.failures++;
      scheduleReconnect();
      return;
    }
    conn.ws = ws;

    conn.connectTimer = setTimeout(() => {
      if (ws.readyState === WebSocket.CONNECTING) {
        console.warn('[market] connection attempt timed out');
        ws.close();
      }
    }, CONNECT_TIMEOUT_MS);

    ws.onopen = () => {
      if (conn.ws !== ws) return;
      clearTimeout(conn.connectTimer);
      conn.failures = 0; // backoff starts over after a successful connection
      conn.everConnected = true;
      setConnection('live', 'Live');
    };

    ws.onmessage = (event) => {
      if (conn.ws !== ws) return;
      handleMessage(event.data, Date.now());
    };

    ws.onerror = () => {
      // A close event always follows; reconnection is handled there.
    };

    ws.onclose = (event) => {
      if (conn.ws !== ws) return;
      clearTimeout(conn.connectTimer);
      conn.ws = null;
      conn.failures++;
      if (event && event.code !== 1000 && event.code !== 1001) {
        console.info(`[market] connection closed (code ${event.code}${event.reason ? ', ' + event.reason : ''})`);
      }
      scheduleReconnect();
    };
  }

  function scheduleReconnect() {
    clearRetry();
    if (conn.suspended) return;
    const exponent = Math.max(0, conn.failures - 1);
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(exponent, 10));
    const delay = Math.min(BACKOFF_MAX_MS, Math.round(base * (0.75 + Math.random() * 0.5)));
    conn.retryAt = Date.now() + delay;
    conn.retryTimer = setTimeout(connect, delay);
    renderRetry();
  }

  function renderRetry() {
    if (!conn.retryTimer) return;
    const seconds = Math.max(1, Math.ceil((conn.retryAt - Date.now()) / 1000));
    if (looksOffline()) setConnection('offline', `Offline · retrying in ${seconds} s`);
    else setConnection('connecting', `Reconnecting in ${seconds} s…`);
  }

  /** Skip the remaining backoff: the page became visible, the network came back, etc. */
  function reconnectNow() {
    conn.suspended = false;
    if (conn.ws) return;
    connect();
  }

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') reconnectNow();
  });
  window.addEventListener('online', reconnectNow);
  window.addEventListener('offline', () => {
    if (!conn.ws) renderRetry();
  });
  window.addEventListener('pagehide', (event) => {
    if (!event.persisted) return;
    // Going into the back/forward cache: close cleanly, reopen on pageshow.
    conn.suspended = true;
    clearRetry();
    const ws = conn.ws;
    conn.ws = null;
    if (ws) {
      clearTimeout(conn.connectTimer);
      try {
        ws.close(1000, 'page hidden');
      } catch (e) {
        /* ignore */
      }
    }
  });
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) reconnectNow();
  });

  // ---------------------------------------------------------------- start

  function tick() {
    updateAge();
    renderRetry();
  }

  applyIdentity({});
  renderQuotes([]);
  updateAge();
  publishState();
  setInterval(tick, TICK_MS);
  connect();
})();
