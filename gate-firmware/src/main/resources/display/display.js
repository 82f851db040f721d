// The resident display. Plain DOM, nothing loaded from elsewhere, every text set with textContent.
// Follows the gate's views over server-sent events; reconnects by itself and shows "offline" when the
// gate has been unreachable for a few seconds, so a dead daemon never leaves "please pass" on screen.
'use strict';

const $ = (id) => document.getElementById(id);
const OFFLINE_AFTER_MS = 4000;
const K_MAX = 1.6;
const K_MIN = 0.35;
const SILENT_RECONNECT_MS = 25000; // the server sends a keep-alive every 10 s
let source = null;
let lastHeard = Date.now();
let offlineTimer = null; // set while the gate is unreachable
let shownSeq = -1;

function el(tag, cls, text) {
  const e = document.createElement(tag);
  e.className = cls;
  e.textContent = text;
  return e;
}

function render(v) {
  const b = document.body;
  b.dataset.tone = v.tone;
  b.dataset.icon = v.icon;
  b.dataset.screen = v.screen;
  b.dataset.lang = v.lang;
  document.documentElement.lang = v.lang === 'en' ? 'en' : 'zh';
  $('head-zh').textContent = v.head.zh;
  $('head-en').textContent = v.head.en;
  $('detail-zh').textContent = v.detail.zh;
  $('detail-en').textContent = v.detail.en;
  $('detail').hidden = v.items.length > 0; // the reasons and their steps say it better
  const hasFacts = v.temperature !== undefined || v.masked !== undefined;
  $('facts').hidden = !hasFacts;
  $('temp').textContent = v.temperature !== undefined
    ? (v.lang === 'en' ? 'Temperature ' : '体温 ') + v.temperature + ' °C' : '';
  $('masked').textContent = v.masked !== undefined ? v.masked : '';
  // Three or more reasons: each reason's English line goes; the steps keep both languages.
  b.dataset.many = String(v.items.length > 2);
  const items = $('items');
  items.replaceChildren();
  for (const it of v.items) {
    const li = document.createElement('li');
    li.append(el('p', 'rz fit', it.reason.zh), el('p', 're fit', it.reason.en));
    if (it.step) {
      li.append(el('p', 'sz fit', it.step.zh), el('p', 'se fit', it.step.en));
    }
    items.append(li);
  }
  fit();
}

// Shrinks every size together until nothing overflows its box or the screen.
function overflowing() {
  const body = $('body');
  // Stricter than the test's one-pixel tolerance: when in doubt, smaller.
  if (body.scrollHeight > body.clientHeight || $('band').scrollHeight > $('band').clientHeight) {
    return true;
  }
  const W = innerWidth;
  const H = innerHeight;
  for (const e of document.querySelectorAll('.fit')) {
    if (e.offsetParent === null) {
      continue;
    }
    const r = e.getBoundingClientRect();
    if (e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight || r.right > W || r.bottom > H) {
      return true;
    }
  }
  return false;
}

// Starts large (a short answer fills the screen); when that does not fit, finds the largest scale
// that does by halving the interval: about six layouts per answer, not twenty-five.
function fit() {
  const set = (k) => document.documentElement.style.setProperty('--k', k.toFixed(3));
  let k = K_MAX;
  set(k);
  if (overflowing()) {
    let lo = K_MIN;
    let hi = K_MAX;
    for (let i = 0; i < 6; i++) {
      const mid = (lo + hi) / 2;
      set(mid);
      if (overflowing()) { hi = mid; } else { lo = mid; }
    }
    k = lo;
    set(k);
  }
  document.body.dataset.k = k.toFixed(3);
}

function painted(v) {
  // After the next frame is produced: the view is on screen. Tell the gate how long it took.
  requestAnimationFrame(() => setTimeout(() => {
    document.body.dataset.seq = String(v.seq);
    fetch('/painted', { method: 'POST', body: v.seq + ' ' + (Date.now() - v.at) }).catch(() => {});
  }, 0));
}

function setOffline(off) {
  $('offline').hidden = !off;
}

function connect() {
  if (source) {
    source.close();
  }
  source = new EventSource('/events');
  source.addEventListener('open', () => {
    lastHeard = Date.now();
    shownSeq = -1; // the gate sends its current view first; after a restart its numbers start again
    clearTimeout(offlineTimer);
    offlineTimer = null;
    setOffline(false);
  });
  source.addEventListener('ping', () => { lastHeard = Date.now(); });
  source.addEventListener('view', (e) => {
    lastHeard = Date.now();
    setOffline(false);
    const v = JSON.parse(e.data);
    if (v.seq <= shownSeq) {
      return; // never step back to an older view
    }
    shownSeq = v.seq;
    render(v);
    painted(v);
  });
  source.addEventListener('error', () => {
    if (offlineTimer === null) { // retries fail every second: the first failure starts the clock
      offlineTimer = setTimeout(() => setOffline(true), OFFLINE_AFTER_MS);
    }
    if (source.readyState === EventSource.CLOSED) {
      setTimeout(connect, 1000);
    }
  });
}

setInterval(() => {
  if (Date.now() - lastHeard > SILENT_RECONNECT_MS) {
    lastHeard = Date.now();
    connect(); // the stream went quiet without an error (a half-open connection): start again
  }
}, 5000);
window.addEventListener('resize', fit);
connect();
