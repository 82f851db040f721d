// The volunteer console page. Plain DOM, no build step, nothing loaded from elsewhere; every text
// the server sends goes through textContent, never innerHTML.
'use strict';

const T = {
  zh: {
    title: '闸口值守', signout: '退出', signin: '志愿者登录', id: '编号', pin: '密码', 'signin-go': '登录',
    alarms: '告警', health: '设备状态', today: '今日统计', feed: '通行记录', actions: '操作',
    'legend-pass': '每小时通行', 'legend-fever': '发热', 'open-reason': '开门原因（必填）', 'open-go': '手动开门',
    'mask-go': '确认已戴口罩', unit: '房号，如 3-1201', 'unit-go': '查找住户', 'mode-go': '切换模式',
    'mode-normal': '正常', 'mode-lockdown': '封控', 'mode-emergency_egress': '紧急疏散', 'mode-maintenance': '维护',
    'mode-unknown': '未知', 'handover-go': '交班小结', ack: '确认', entry: '进', exit: '出',
    granted: '通过', denied: '拒绝', mask: '口罩', 'no-mask': '无口罩', gateLoop: '闸机主程序',
    broker: '服务器连接', backlog: '待上传', storage: '存储', trust: '信任列表', clock: '时钟', roster: '名单人数',
    ok: '正常', fault: '故障', connected: '已连接', disconnected: '未连接', unknown: '未知', stale: '过期',
    hours: '小时', 'not-answering': '无响应', entries: '进入', exits: '外出', deniedN: '拒绝',
    'no-residents': '该房号无登记住户', done: '已执行', 'signed-out': '已退出', passages: '通行', fevers: '发热',
    from: '从', to: '至', 'open-alarms': '未处理告警', none: '无', 'actions-taken': '操作记录', volunteer: '志愿者',
    synchronized: '已同步', unsynchronized: '未确认同步', suspect: '时间错误', dropped: '有记录丢失', failed: '故障', cannot_record: '无法保存记录，暂停入内',
    'assisted-by': '协助：', 'lead-only': '组长', green: '绿码', yellow: '黄码', red: '红码',
    incomplete: '未完成', latest: '最新通行', 'no-passages': '今天还没有通行记录', resident: '住户', visitor: '访客',
    staff: '工作人员', 'status-home_quarantine': '居家隔离', 'status-barred': '禁止通行', 'status-normal': '正常',
    'dev-thermo': '体温计', 'dev-scanner': '扫码器', 'dev-scanner-in': '进门扫码器', 'dev-scanner-out': '出门扫码器',
    'dev-mask': '口罩检测', 'dev-door': '门磁', 'dev-lock': '门锁', 'assist-granted': '协助通行：通过',
    'assist-denied': '协助通行：拒绝', 'assist-incomplete': '协助通行未完成：未在时限内测到体温或口罩，请重试'
  },
  en: {
    title: 'Gate console', signout: 'Sign out', signin: 'Volunteer sign-in', id: 'ID', pin: 'PIN', 'signin-go': 'Sign in',
    alarms: 'Alarms', health: 'Health', today: 'Today', feed: 'Passages', actions: 'Actions',
    'legend-pass': 'passages per hour', 'legend-fever': 'fevers', 'open-reason': 'Reason for opening (required)',
    'open-go': 'Open the gate', 'mask-go': 'Confirm mask by hand', unit: 'Unit, e.g. 3-1201', 'unit-go': 'Find residents',
    'mode-go': 'Change mode', 'mode-normal': 'Normal', 'mode-lockdown': 'Lockdown',
    'mode-emergency_egress': 'Emergency egress', 'mode-maintenance': 'Maintenance', 'mode-unknown': 'Unknown',
    'handover-go': 'Shift handover', ack: 'Acknowledge', entry: 'In', exit: 'Out', granted: 'GRANTED',
    denied: 'DENIED', mask: 'mask', 'no-mask': 'no mask', gateLoop: 'Gate program', broker: 'Server link',
    backlog: 'Not yet sent', storage: 'Storage', trust: 'Trust list', clock: 'Clock', roster: 'On roster',
    ok: 'OK', fault: 'FAULT', connected: 'connected', disconnected: 'not connected', unknown: 'unknown',
    stale: 'STALE', hours: 'h', 'not-answering': 'NOT ANSWERING', entries: 'Entries', exits: 'Exits',
    deniedN: 'Denied', 'no-residents': 'nobody registered in that unit', done: 'Done', 'signed-out': 'Signed out',
    passages: 'Passages', fevers: 'Fevers', from: 'From', to: 'To', 'open-alarms': 'Open alarms', none: 'none',
    'actions-taken': 'Actions', volunteer: 'Volunteer', synchronized: 'synchronized',
    unsynchronized: 'sync not confirmed', suspect: 'WRONG', dropped: 'RECORDS DROPPED', failed: 'FAILED', cannot_record: 'CANNOT RECORD: entry paused',
    'assisted-by': 'assisted by ', 'lead-only': 'lead', green: 'green', yellow: 'yellow', red: 'red',
    incomplete: 'INCOMPLETE', latest: 'Latest passage', 'no-passages': 'No passages yet today', resident: 'resident',
    visitor: 'visitor', staff: 'staff', 'status-home_quarantine': 'home quarantine', 'status-barred': 'barred',
    'status-normal': 'normal', 'dev-thermo': 'Thermometer', 'dev-scanner': 'Scanner', 'dev-scanner-in': 'Entry scanner',
    'dev-scanner-out': 'Exit scanner', 'dev-mask': 'Mask detector', 'dev-door': 'Door contact', 'dev-lock': 'Lock',
    'assist-granted': 'Assisted pass: GRANTED', 'assist-denied': 'Assisted pass: DENIED',
    'assist-incomplete': 'Assisted pass INCOMPLETE: no temperature or mask within the time allowed; try again'
  }
};

const $ = (id) => document.getElementById(id);
let lang = (localStorage.getItem('lang') || (navigator.language || 'zh').slice(0, 2)) === 'en' ? 'en' : 'zh';
let me = null;          // {id, role, csrf}
let state = null;       // last state from the server
let feed = [];          // newest first
let events = null;
let audio = null;
let beepTimer = null;
let beeps = 0;
let pendingAssist = null; // {at}: an assisted pass this volunteer started, until its outcome arrives

function t(key) { return (T[lang] && T[lang][key]) || key; }
function say(obj) { return obj ? (obj[lang] || obj.en || '') : ''; }
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

// Device ids are the technician's; the volunteer reads what the device is.
function deviceName(id) {
  const s = String(id).toLowerCase();
  const key = s.includes('thermo') ? 'dev-thermo'
    : s.includes('scan') ? (/(out|exit)/.test(s) ? 'dev-scanner-out' : /(in|entry)/.test(s) ? 'dev-scanner-in' : 'dev-scanner')
    : s.includes('mask') ? 'dev-mask' : s.includes('door') ? 'dev-door' : s.includes('lock') ? 'dev-lock' : null;
  return key ? t(key) : id;
}

function applyLang() {
  document.documentElement.lang = lang;
  $('lang').textContent = lang === 'zh' ? 'EN' : '中文';
  document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
  document.querySelectorAll('[data-i18n-placeholder]').forEach(e => { e.placeholder = t(e.dataset.i18nPlaceholder); });
  render();
}

async function api(method, path, body) {
  const headers = {};
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (me) headers['X-CSRF-Token'] = me.csrf;
  }
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin', cache: 'no-store' });
  let data = null;
  try { data = await r.json(); } catch (e) { data = null; }
  if (r.status === 401 && path !== '/api/signin') signedOut();
  return { status: r.status, data };
}

function message(id, ok, text) {
  const m = $(id);
  m.textContent = text;
  m.className = 'msg ' + (ok ? 'ok' : 'bad');
}

async function signIn(ev) {
  ev.preventDefault();
  if (!audio && window.AudioContext) audio = new AudioContext(); // created on a click: allowed to sound
  const r = await api('POST', '/api/signin', { id: $('signin-id').value.trim(), pin: $('signin-pin').value });
  $('signin-pin').value = '';
  if (r.status === 200) {
    me = r.data;
    message('signin-msg', true, '');
    await loadState();
  } else {
    message('signin-msg', false, say(r.data) || ('HTTP ' + r.status));
  }
}

async function loadState() {
  const r = await api('GET', '/api/state');
  if (r.status !== 200) { signedOut(); return; }
  me = r.data.you;
  state = r.data;
  feed = r.data.feed || [];
  show(true);
  connect();
  render();
}

function show(signedIn) {
  $('signin').hidden = signedIn;
  $('main').hidden = !signedIn;
  $('signout').hidden = !signedIn;
  $('who').textContent = signedIn && me ? me.id + (me.role === 'lead' ? ' (' + t('lead-only') + ')' : '') : '';
  $('mode-form').hidden = !(signedIn && me && me.role === 'lead');
}

function signedOut() {
  me = null;
  if (events) { events.close(); events = null; }
  show(false);
}

function connect() {
  if (events) events.close();
  events = new EventSource('/api/events');
  events.addEventListener('snapshot', e => {
    const s = JSON.parse(e.data);
    const known = new Set(s.feed.map(p => p.seq));
    feed = s.feed.concat(feed.filter(p => !known.has(p.seq))).sort((a, b) => b.seq - a.seq).slice(0, 100);
    setState(s);
  });
  events.addEventListener('state', e => setState(JSON.parse(e.data)));
  events.addEventListener('passage', e => {
    const p = JSON.parse(e.data);
    if (!feed.some(x => x.seq === p.seq)) feed.unshift(p);
    feed.sort((a, b) => b.seq - a.seq);
    feed = feed.slice(0, 100);
    renderFeed();
    assistOutcome(p);
  });
  events.onerror = async () => {
    // The stream reconnects by itself; a lost session shows the sign-in instead.
    const r = await api('GET', '/api/state');
    if (r.status === 200) { me = r.data.you; }
  };
}

function setState(s) {
  const before = new Set(((state && state.alarms) || []).map(a => a.seq));
  state = Object.assign({}, state || {}, s);
  if ((state.alarms || []).some(a => !before.has(a.seq))) beep();
  render();
}

function beep() {
  beeps++;
  document.body.dataset.beeps = String(beeps);
  if (!audio) return;
  const now = audio.currentTime;
  [0, 0.35, 0.7].forEach(at => {
    const o = audio.createOscillator();
    const g = audio.createGain();
    o.frequency.value = 1800;
    g.gain.value = 0.4;
    o.connect(g).connect(audio.destination);
    o.start(now + at);
    o.stop(now + at + 0.2);
  });
}

function render() {
  if (!state) return;
  $('mode-badge').textContent = t('mode-' + state.mode);
  $('mode-badge').className = 'badge ' + state.mode;
  renderAlarms();
  renderHealth();
  renderCounters();
  renderFeed();
}

// Lists are updated in place, keyed by journal seq: an element stays as long as its item does, so a
// tap on an alarm's Acknowledge button never lands on a freshly replaced node.
function syncList(list, items, key, build) {
  const have = new Map([...list.children].map(li => [li.dataset.key, li]));
  const want = new Set(items.map(key));
  have.forEach((li, k) => { if (!want.has(k) || li.dataset.lang !== lang) { li.remove(); have.delete(k); } });
  let prev = null;
  items.forEach(x => {
    const k = key(x);
    let li = have.get(k);
    if (!li) { li = build(x); li.dataset.key = k; li.dataset.lang = lang; }
    const at = prev ? prev.nextSibling : list.firstChild;
    if (li !== at) list.insertBefore(li, at);
    prev = li;
  });
}

function alarmItem(a) {
  const li = el('li', 'alarm');
  li.dataset.seq = a.seq;
  li.dataset.code = a.code;
  li.append(el('span', 'time', a.time || ''), el('span', 'what', say(a.text)));
  const d = a.detail || {};
  if (d.device) li.append(el('span', 'detail', deviceName(d.device) + (d.detail ? ': ' + d.detail : '')));
  if (d.who) li.append(el('span', 'detail', d.who + (d.temperatureC ? ' ' + d.temperatureC.toFixed(1) + '°C' : '')));
  const b = el('button', 'ack', t('ack'));
  b.type = 'button';
  b.addEventListener('click', () => act('/api/ack', { seq: a.seq }));
  li.append(b);
  return li;
}

function renderAlarms() {
  const alarms = state.alarms || [];
  $('alarm-area').hidden = alarms.length === 0;
  syncList($('alarms'), alarms, a => String(a.seq), alarmItem);
  if (alarms.some(a => a.code === 'fever') && !beepTimer) {
    beepTimer = setInterval(() => { if ((state.alarms || []).some(a => a.code === 'fever')) beep(); }, 6000);
  } else if (!alarms.some(a => a.code === 'fever') && beepTimer) {
    clearInterval(beepTimer);
    beepTimer = null;
  }
}

function renderHealth() {
  const h = state.health || {};
  const rows = [];
  const row = (key, label, value, cls) => rows.push({ key, label, value, cls: cls || '' });
  row('gateLoop', t('gateLoop'), h.gateLoop ? t('ok') : t('not-answering'), h.gateLoop ? '' : 'bad');
  (h.devices || []).forEach(d => row('dev:' + d.id, deviceName(d.id), d.ok ? t('ok') : t('fault') + (d.reason ? ' ' + d.reason : ''),
    d.ok ? '' : 'bad'));
  row('broker', t('broker'), h.broker ? t('connected') : t('disconnected'), h.broker ? '' : 'warn');
  row('backlog', t('backlog'), h.backlog === null || h.backlog === undefined ? t('unknown') : String(h.backlog),
    h.backlog > 1000 ? 'warn' : '');
  row('storage', t('storage'), t(h.storage || 'unknown'), h.storage === 'ok' ? '' : 'bad');
  const age = h.trustListAgeH;
  row('trust', t('trust'), age === null || age === undefined ? t('unknown')
    : age + ' ' + t('hours') + (h.trustListStale ? ' ' + t('stale') : ''), h.trustListStale ? 'bad'
    : (age === null || age === undefined ? 'warn' : ''));
  const c = h.clock || {};
  row('clock', t('clock'), (c.now || '') + ' ' + t(c.status || 'unknown'),
    c.status === 'suspect' ? 'bad' : (c.status === 'synchronized' ? '' : 'warn'));
  row('roster', t('roster'), String(h.roster === undefined ? '-' : h.roster), h.roster === 0 ? 'bad' : '');
  syncList($('health'), rows, r => r.key, r => {
    const li = el('li');
    li.append(el('span', 'label', r.label + ': '), el('strong'));
    return li;
  });
  rows.forEach(r => {
    const li = $('health').querySelector('[data-key="' + CSS.escape(r.key) + '"]');
    if (li.className !== r.cls) li.className = r.cls;
    const v = li.querySelector('strong');
    if (v.textContent !== r.value) v.textContent = r.value;
  });
}

let countersShown = '';
function renderCounters() {
  const c = state.counters;
  if (!c) return;
  const key = lang + JSON.stringify(c);
  if (key === countersShown) return;
  countersShown = key;
  const box = $('counters');
  box.replaceChildren();
  [['entries', c.entries], ['exits', c.exits], ['deniedN', c.denied]].forEach(([k, n]) => {
    const d = el('div', 'counter');
    d.dataset.key = k;
    d.append(el('span', 'n', String(n)), el('span', '', t(k)));
    box.append(d);
  });
  const reasons = el('ul', 'denials');
  Object.entries(c.denials || {}).forEach(([code, n]) => reasons.append(el('li', '', reasonText(code) + ': ' + n)));
  box.append(reasons);
  drawChart(c.passagesByHour || [], c.feversByHour || []);
}

function reasonText(code) {
  for (const p of feed) {
    for (const r of p.reasons || []) if (r.code === code) return say(r);
  }
  return code.replace(/_/g, ' ');
}

function drawChart(passes, fevers) {
  const svg = $('chart');
  const NS = 'http://www.w3.org/2000/svg';
  svg.replaceChildren();
  const max = Math.max(1, ...passes);
  for (let h = 0; h < 24; h++) {
    [['pass', passes[h] || 0], ['fever', fevers[h] || 0]].forEach(([cls, n]) => {
      const r = document.createElementNS(NS, 'rect');
      const height = Math.round((n / max) * 75);
      r.setAttribute('class', cls);
      r.setAttribute('x', String(h * 10 + (cls === 'fever' ? 5 : 1)));
      r.setAttribute('width', cls === 'fever' ? '4' : '8');
      r.setAttribute('y', String(78 - height));
      r.setAttribute('height', String(height));
      const title = document.createElementNS(NS, 'title');
      title.textContent = h + ':00 ' + n;
      r.append(title);
      svg.append(r);
    });
    if (h % 6 === 0) {
      const tx = document.createElementNS(NS, 'text');
      tx.setAttribute('x', String(h * 10));
      tx.setAttribute('y', '88');
      tx.textContent = h + ':00';
      svg.append(tx);
    }
  }
}

function passageParts(p, li) {
  li.append(el('span', 'time', p.time), el('span', 'dir', t(p.direction)), el('span', 'who', p.who),
    el('span', 'decision', t(p.outcome)));
  const info = el('span', 'info');
  info.append(el('span', '', p.temperatureC === null ? '—' : p.temperatureC.toFixed(1) + '°C '));
  if (p.colour) info.append(el('span', 'colour ' + p.colour, t(p.colour)));
  if (p.mask) info.append(el('span', 'mask', ' ' + say(p.mask)));
  if (p.assistedBy) info.append(el('span', 'assisted', ' ' + t('assisted-by') + p.assistedBy));
  li.append(info);
  if (p.reasons && p.reasons.length) li.append(el('span', 'reasons', p.reasons.map(say).join('；')));
  return li;
}

function renderFeed() {
  syncList($('feed'), feed, p => String(p.seq), p => {
    const li = passageParts(p, el('li', 'passage ' + p.outcome));
    li.dataset.seq = p.seq;
    return li;
  });
  const latest = $('latest');
  const p = feed[0];
  const key = p ? p.seq + lang : 'none' + lang;
  if (latest.dataset.key === key) return;
  latest.dataset.key = key;
  latest.replaceChildren();
  latest.className = 'latest' + (p ? ' ' + p.outcome : '');
  if (p) { latest.dataset.seq = p.seq; passageParts(p, latest); } else latest.append(el('span', 'none', t('no-passages')));
}

function assistOutcome(p) {
  if (!pendingAssist || !me || p.assistedBy !== me.id) return;
  pendingAssist = null;
  const reasons = (p.reasons || []).map(say).join('；');
  message('action-msg', p.outcome === 'granted', t('assist-' + p.outcome) + (p.outcome === 'denied' && reasons ? ': ' + reasons : ''));
}

async function act(path, body) {
  const r = await api('POST', path, body);
  if (r.status === 202) {
    message('action-msg', true, say(r.data) || t('done'));
  } else {
    message('action-msg', false, say(r.data) || ('HTTP ' + r.status));
  }
  return r.status;
}

async function lookup(ev) {
  ev.preventDefault();
  const unit = $('unit').value.trim();
  const r = await api('GET', '/api/residents?unit=' + encodeURIComponent(unit));
  const list = $('residents');
  list.replaceChildren();
  if (r.status !== 200) { message('action-msg', false, say(r.data)); return; }
  if (r.data.residents.length === 0) list.append(el('li', '', t('no-residents')));
  r.data.residents.forEach(p => {
    const li = el('li', 'resident');
    li.append(el('span', 'who', p.who + ' · ' + t(p.kind) + (p.status !== 'normal' ? ' · ' + t('status-' + p.status) : '')));
    ['entry', 'exit'].forEach(dir => {
      const b = el('button', 'assist-' + dir, t(dir));
      b.type = 'button';
      b.addEventListener('click', async () => {
        pendingAssist = { at: Date.now() };
        if (await act('/api/assist', { unit: r.data.unit, handle: p.handle, direction: dir }) === 202) list.replaceChildren();
        else pendingAssist = null;
      });
      li.append(b);
    });
    list.append(li);
  });
}

async function handover() {
  const r = await api('GET', '/api/handover');
  const box = $('handover');
  box.replaceChildren();
  if (r.status !== 200) return;
  const h = r.data;
  const dl = el('dl');
  const row = (k, v) => dl.append(el('dt', '', k), el('dd', '', v));
  row(t('volunteer'), h.volunteer);
  row(t('from'), h.from);
  row(t('to'), h.to);
  row(t('passages'), h.passages + ' (' + t('granted') + ' ' + h.granted + ', ' + t('denied') + ' ' + h.denied + ')');
  row(t('fevers'), String(h.fevers));
  Object.entries(h.denials).forEach(([code, n]) => row(reasonText(code), String(n)));
  row(t('open-alarms'), h.openAlarms.length ? h.openAlarms.map(a => say(a.text)).join('；') : t('none'));
  row(t('actions-taken'), h.actions.length ? h.actions.map(a => a.time + ' ' + a.volunteer + ' ' + (say(a) || a.what)).join('\n')
    : t('none'));
  box.append(dl);
  box.hidden = false;
}

document.addEventListener('DOMContentLoaded', () => {
  $('signin-form').addEventListener('submit', signIn);
  $('lang').addEventListener('click', () => { lang = lang === 'zh' ? 'en' : 'zh'; localStorage.setItem('lang', lang);
    $('action-msg').textContent = ''; countersShown = ''; applyLang(); });
  $('signout').addEventListener('click', async () => { await api('POST', '/api/signout', {}); signedOut(); });
  $('open-form').addEventListener('submit', ev => { ev.preventDefault(); act('/api/open', { reason: $('open-reason').value })
    .then(s => { if (s === 202) $('open-reason').value = ''; }); });
  $('mask-go').addEventListener('click', () => act('/api/mask', {}));
  $('unit-form').addEventListener('submit', lookup);
  $('mode-form').addEventListener('submit', ev => { ev.preventDefault(); act('/api/mode', { mode: $('mode-select').value }); });
  $('handover-go').addEventListener('click', handover);
  applyLang();
  loadState().catch(() => signedOut()); // an existing session survives a reload
});
