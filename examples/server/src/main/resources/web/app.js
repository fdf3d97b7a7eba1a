// SlotHunter dashboard. Plain JS, no build step. Every piece of user or provider text reaches the page
// through textContent, never parsed as markup, and the server's Content-Security-Policy forbids inline script.
// Such text also sits in its own <bdi> (an isolated bidi run), so a Persian name never reorders the English
// around it or the other way round. Dates come formatted from the server (JalaliFormat, both languages):
// this file formats none itself.
'use strict';

(function () {
  const KEY = 'slothunter.key';
  const LANG = 'slothunter.lang';
  const EVENT_TYPES = ['SlotOpened', 'SlotGone', 'HoldPlaced', 'BookingSucceeded', 'BookingFailed',
    'BookingOutcomeUnknown', 'HoldOutcomeUnknown', 'WatchPaused', 'WatchResumed', 'WatchHealthChanged', 'ProviderThrottled',
    'EventsDropped'];
  const MAX_FEED = 100;

  const state = {
    key: localStorage.getItem(KEY),
    lang: localStorage.getItem(LANG) === 'en' ? 'en' : 'fa',
    messages: {},
    watches: new Map(),
    selected: null,
    source: null,
    lastEventId: null,
    retry: 1000,
    reconnectTimer: null,
    feed: [],
    patients: [],
    login: null,
  };

  const { $, el } = window.SlotHunterDom;

  function t(key, vars) {
    let s = state.messages[key];
    if (s === undefined) s = key;
    if (vars) {
      for (const [k, v] of Object.entries(vars)) s = s.replace('{' + k + '}', String(v));
    }
    return s;
  }

  /** A server-formatted text ({fa, en}) in the current language; '' when the server sent none. */
  function txt(both) {
    return both && typeof both === 'object' ? (both[state.lang] || '') : '';
  }

  /** User or provider text in its own isolated bidi run. */
  function iso(cls, text) {
    return el('bdi', { class: cls, text });
  }

  /** A counter: Persian digits in Persian (numbers, not dates: dates come formatted from the server). */
  function number(n) {
    return new Intl.NumberFormat(state.lang === 'fa' ? 'fa-IR' : 'en-GB').format(n);
  }

  // ---------------------------------------------------------------- API

  async function api(method, path, body) {
    const headers = { Authorization: 'Bearer ' + state.key };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch('/api/v1' + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 204) return null;
    const type = res.headers.get('Content-Type') || '';
    const data = type.includes('json') ? await res.json() : await res.text();
    if (!res.ok) {
      const err = new Error((data && data.message) || res.statusText);
      err.code = data && data.code;
      err.status = res.status;
      throw err;
    }
    return data;
  }

  // the watch form's filters and auto-booking, and the provider sign-in (forms.js)
  const forms = window.SlotHunterForms({ $, el, t, txt, iso, number, api, state });
  const areas = window.SlotHunterAreas({ $, el, t, txt, iso, number, api, watchRequest: forms.watchRequest,
    onCreated: async (w) => {
      state.watches.set(w.id, w);
      renderWatches();
      await Promise.all([loadWatches(), loadStats()]);
    } });
  const { watchRequest, renderDayChoices, loadPatients, renderAutoBook, renderSessions, startProviderLogin,
    completeProviderLogin } = forms;

  // ---------------------------------------------------------------- language

  async function loadLanguage(lang) {
    const res = await fetch('/i18n/' + lang + '.json');
    state.messages = await res.json();
    state.lang = lang;
    localStorage.setItem(LANG, lang);
    document.documentElement.lang = lang;
    document.documentElement.dir = state.messages.dir;
    document.title = t('title');
    for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.getAttribute('data-i18n'));
    for (const e of document.querySelectorAll('[data-i18n-placeholder]')) {
      e.setAttribute('placeholder', t(e.getAttribute('data-i18n-placeholder')));
    }
    $('#lang').textContent = t('otherLanguage');
    renderDayChoices();
    setLive(state.source !== null && state.source.readyState === 1);
  }

  async function switchLanguage() {
    await loadLanguage(state.lang === 'fa' ? 'en' : 'fa');
    if (state.key && !$('#app').hidden) {
      renderWatches();
      renderFeed();
      renderSessions();
    renderAutoBook();
    await Promise.all([loadBookings(), loadStats(), loadPayments(), state.selected ? loadDetail(state.selected) : null]);
    }
  }

  // ---------------------------------------------------------------- sign in

  async function signIn(key) {
    state.key = key;
    const me = await api('GET', '/me');
    localStorage.setItem(KEY, key);
    $('#owner-name').textContent = me.name;
    $('#login').hidden = true;
    $('#app').hidden = false;
    $('#logout').hidden = false;
    await Promise.all([loadInfo(), loadWatches(), loadBookings(), loadStats(), loadRecent(), loadPayments(),
      loadPatients()]);
    renderSessions();
    connect();
  }

  function signOut() {
    localStorage.removeItem(KEY);
    state.key = null;
    if (state.source) state.source.close();
    state.source = null;
    clearTimeout(state.reconnectTimer);
    setLive(false);
    $('#owner-name').textContent = '';
    $('#app').hidden = true;
    $('#logout').hidden = true;
    $('#login').hidden = false;
  }

  // ---------------------------------------------------------------- watches

  async function loadInfo() {
    const res = await fetch('/api/v1/info');
    const info = await res.json();
    const box = $('#example-links');
    box.replaceChildren();
    if (info.sandbox && info.exampleLinks.length) {
      for (const link of info.exampleLinks) {
        const a = el('a', { href: '#', class: 'example', dir: 'ltr', text: link });
        a.addEventListener('click', (e) => { e.preventDefault(); $('#link').value = link; $('#link').focus(); });
        box.append(a, ' ');
      }
      $('#examples').hidden = false;
    }
  }

  async function loadWatches() {
    const list = await api('GET', '/watches');
    state.watches = new Map(list.map((w) => [w.id, w]));
    renderWatches();
    renderFeed(); // feed lines name the watch's doctor and place
  }

  function places(w) {
    if (w.area) return t('areaCount', { n: number(w.area.members) });
    return w.targets.map((x) => [x.center, x.service].filter(Boolean).join(' · ')).join('، ');
  }

  function renderWatches() {
    const body = $('#watches tbody');
    body.replaceChildren();
    for (const w of state.watches.values()) {
      const health = (w.health && w.health.state) || 'UNKNOWN';
      const details = el('button', { type: 'button', class: 'secondary small', text: t('details') });
      details.addEventListener('click', () => loadDetail(w.id));
      const stop = el('button', { type: 'button', class: 'danger small', text: t('delete') });
      stop.addEventListener('click', () => removeWatch(w.id));
      const row = el('tr', { 'data-watch-id': w.id, class: w.id === state.selected ? 'selected' : null },
        el('td', { 'data-label': t('doctor') }, iso('doctor', w.doctor.name)),
        el('td', { 'data-label': t('place') }, iso('place', places(w))),
        el('td', { class: 'state', 'data-label': t('state'), text: t('state.' + w.state) }),
        el('td', { class: 'health health-' + health, 'data-label': t('health'), text: t('health.' + health),
          title: (w.health && w.health.explain && (w.health.explain[state.lang] || []).join(' ')) || null }),
        el('td', { 'data-label': t('created') }, iso('created', txt(w.createdAtText))),
        el('td', { class: 'actions' }, details, ' ', stop));
      body.append(row);
    }
    $('#no-watches').hidden = state.watches.size > 0;
  }

  async function addWatch(event) {
    event.preventDefault();
    const input = $('#link');
    const button = $('#add-button');
    $('#add-error').textContent = '';
    button.disabled = true;
    button.textContent = t('adding');
    try {
      const w = await api('POST', '/watches', watchRequest({ link: input.value.trim() }));
      state.watches.set(w.id, w);
      input.value = '';
      renderWatches();
      await Promise.all([loadWatches(), loadStats()]);
      await loadDetail(w.id);
    } catch (e) {
      $('#add-error').textContent = e.message;
    } finally {
      button.disabled = false;
      button.textContent = t('add');
    }
  }

  async function removeWatch(id) {
    try {
      await api('DELETE', '/watches/' + encodeURIComponent(id));
    } catch (e) {
      if (e.status !== 404) throw e;
    }
    state.watches.delete(id);
    if (state.selected === id) {
      state.selected = null;
      $('#detail').hidden = true;
    }
    renderWatches();
    loadStats();
  }

  // ---------------------------------------------------------------- one watch: slots and analytics

  async function loadDetail(id) {
    const w = state.watches.get(id);
    if (!w) return;
    state.selected = id;
    renderWatches();
    $('#detail').hidden = false;
    $('#detail-title').textContent = w.doctor.name;
    const snapshot = await api('GET', '/watches/' + encodeURIComponent(id) + '/slots');
    renderSlots(snapshot);
    if (w.targets.length) {
      const analytics = await api('GET', '/targets/' + encodeURIComponent(w.targets[0].id) + '/analytics?lang=' + state.lang);
      renderAnalytics(analytics);
    }
  }

  function renderSlots(snapshot) {
    const list = $('#free-slots');
    list.replaceChildren();
    let count = 0;
    for (const target of snapshot.targets) {
      for (const s of target.slots) {
        count++;
        list.append(el('li', { class: 'slot', 'data-slot-id': s.id },
          iso('when', txt(s.startText)), ' ',
          iso('muted place', [target.center, target.service].filter(Boolean).join(' · '))));
      }
    }
    $('#no-free').hidden = count > 0;
  }

  function renderAnalytics(a) {
    const map = $('#heatmap');
    map.replaceChildren();
    const values = a.releasesByHourOfWeek || [];
    const max = Math.max(1, ...values);
    const days = state.messages.days || [];
    map.append(el('span', { class: 'corner' }));
    for (let h = 0; h < 24; h++) {
      map.append(el('span', { class: 'hour', text: h % 3 === 0 ? number(h) : '' }));
    }
    for (let d = 0; d < 7; d++) {
      map.append(el('span', { class: 'day', text: days[d] || String(d) }));
      for (let h = 0; h < 24; h++) {
        const v = values[d * 24 + h] || 0;
        const cell = el('span', { class: 'cell', title: (days[d] || d) + ' ' + number(h) + ':00 — ' + number(v),
          'data-value': String(v) });
        cell.style.setProperty('--v', String(v / max));
        map.append(cell);
      }
    }
    const bars = $('#latency');
    bars.replaceChildren();
    const lat = a.detectionLatencySeconds;
    if (lat) {
      const top = Math.max(lat.p90, lat.median, 1);
      for (const [label, value] of [[t('median'), lat.median], [t('p90'), lat.p90]]) {
        const fill = el('span', { class: 'fill' });
        fill.style.setProperty('--w', String(value / top));
        bars.append(el('div', { class: 'bar' }, el('span', { class: 'label', text: label }), fill,
          el('span', { class: 'value', text: t('seconds', { n: number(value) }) })));
      }
    } else {
      bars.append(el('p', { class: 'muted', text: t('noData') }));
    }
    $('#median-free').textContent = a.medianFreeMinutes == null ? '' : t('medianFree', { n: number(a.medianFreeMinutes) });
    renderForecast(a);
  }

  /** The hint sentence and one labelled bar per hour window; hours and values come formatted from the server. */
  function renderForecast(a) {
    $('#forecast-hint').textContent = a.hint || '';
    const forecast = $('#forecast');
    forecast.replaceChildren();
    const windows = a.forecast || [];
    const top = Math.max(...windows.map((f) => f.expected), 0);
    for (const f of windows) {
      const fill = el('span', { class: 'fill' });
      fill.style.setProperty('--w', String(top > 0 ? f.expected / top : 0));
      forecast.append(el('li', { class: 'window', title: t('forecastRow', { day: f.weekday, hours: f.hours, n: f.expectedText,
        p: number(f.openingPercent) }) },
      el('bdi', { class: 'hours', dir: 'ltr', text: f.hours }), fill, el('bdi', { class: 'value', text: f.expectedText })));
    }
    if (!windows.length) forecast.append(el('li', { class: 'muted', text: t('noForecast') }));
  }

  // ---------------------------------------------------------------- live feed

  function setLive(on) {
    const badge = $('#live');
    badge.className = 'badge ' + (on ? 'on' : 'off');
    badge.textContent = on ? t('live') : t('offline');
  }

  async function connect() {
    clearTimeout(state.reconnectTimer);
    if (state.source) state.source.close();
    state.source = null;
    if (!state.key) return;
    try {
      const ticket = await api('POST', '/events/tickets');
      const url = ticket.url + (state.lastEventId ? '&lastEventId=' + encodeURIComponent(state.lastEventId) : '');
      const source = new EventSource(url);
      state.source = source;
      source.addEventListener('ready', () => { state.retry = 1000; setLive(true); });
      for (const type of EVENT_TYPES) source.addEventListener(type, onEvent);
      source.onerror = () => {
        // A ticket is single use, so the browser's own reconnect would be refused: start over with a new one.
        source.close();
        if (state.source === source) state.source = null;
        setLive(false);
        reconnectLater();
      };
    } catch (e) {
      setLive(false);
      if (e.status === 401) signOut();
      else reconnectLater();
    }
  }

  function reconnectLater() {
    clearTimeout(state.reconnectTimer);
    state.reconnectTimer = setTimeout(connect, state.retry);
    state.retry = Math.min(state.retry * 2, 30000);
  }

  function onEvent(message) {
    if (message.lastEventId) state.lastEventId = message.lastEventId;
    let event;
    try {
      event = JSON.parse(message.data);
    } catch (e) {
      return;
    }
    addToFeed(event);
    if ((event.type === 'SlotOpened' || event.type === 'SlotGone') && event.watchId === state.selected) {
      loadDetail(state.selected);
    }
    if (event.type === 'BookingSucceeded') {
      loadBookings();
      loadStats();
    }
    if (event.type === 'WatchPaused' || event.type === 'WatchResumed' || event.type === 'WatchHealthChanged'
        || event.type === 'BookingSucceeded') {
      loadWatches();
    }
    if (event.type === 'SlotOpened') loadStats();
  }

  async function loadRecent() {
    const recent = await api('GET', '/events/recent?limit=50');
    state.feed = recent.events.slice(-MAX_FEED);
    renderFeed();
  }

  function addToFeed(event) {
    if (state.feed.some((e) => e.id === event.id)) return;
    state.feed.push(event);
    if (state.feed.length > MAX_FEED) state.feed.shift();
    renderFeed();
  }

  function renderFeed() {
    const list = $('#feed');
    list.replaceChildren();
    for (const e of [...state.feed].reverse()) list.append(feedItem(e));
    $('#feed-empty').hidden = state.feed.length > 0;
  }

  function feedItem(e) {
    const known = state.messages['ev.' + e.type] !== undefined;
    const w = e.watchId ? state.watches.get(e.watchId) : null;
    const slot = e.slot || (e.booking && e.booking.slot);
    const target = slot && w ? w.targets.find((x) => x.id === slot.targetId) : null;
    const item = el('li', { class: 'event ev-' + e.type, 'data-type': e.type, 'data-event-id': e.id },
      iso('at', txt(e.atText)), ' ',
      el('strong', { class: 'what', text: known ? t('ev.' + e.type) : t('ev.other') + ' (' + e.type + ')' }));
    if (w) item.append(' ', iso('doctor', w.doctor.name));
    const label = txt(e.labelText);
    if (label) {
      // the engine's label names the doctor (an area's member), center, service, price and distance
      item.append(' ', iso('muted label', label));
    } else if (target) {
      item.append(' ', iso('muted place', [target.center, target.service].filter(Boolean).join(' · ')));
    }
    if (slot) item.append(' ', iso('when', txt(slot.startText)));
    if (e.booking) item.append(' ', el('code', { class: 'tracking' }, el('bdi', { dir: 'ltr', text: e.booking.trackingCode })));
    if (e.booking && e.booking.paymentRequired) {
      // an unpaid booking is not final: say "pay to confirm" and link the provider's payment page
      item.classList.add('pay-to-confirm');
      item.append(' ', el('strong', { class: 'payment', text: t('payToConfirm') }));
      if (e.booking.paymentLink && /^https?:\/\//.test(e.booking.paymentLink)) {
        item.append(' ', el('a', { class: 'pay-link', href: e.booking.paymentLink, target: '_blank', rel: 'noopener noreferrer', dir: 'ltr', text: t('payNow') }));
      }
    }
    if (e.message || e.reason) item.append(' ', iso('muted message', e.message || e.reason));
    return item;
  }

  // ---------------------------------------------------------------- bookings and stats

  async function loadBookings() {
    const list = await api('GET', '/bookings');
    const body = $('#bookings tbody');
    body.replaceChildren();
    for (const b of list) {
      const link = el('a', { href: '#', class: 'ics', text: t('download') });
      link.addEventListener('click', (e) => { e.preventDefault(); downloadIcs(b); });
      body.append(el('tr', { 'data-booking-id': b.id },
        el('td', { 'data-label': t('trackingCode') }, el('code', {}, el('bdi', { dir: 'ltr', text: b.trackingCode })), payCell(b)),
        el('td', { 'data-label': t('doctor') }, iso('doctor', b.doctor), b.place ? ' — ' : null, b.place ? iso('place', b.place) : null),
        el('td', { 'data-label': t('time') }, iso('when', txt(b.startText))),
        el('td', { 'data-label': t('calendar') }, link)));
    }
    $('#no-bookings').hidden = list.length > 0;
  }

  /** "Pay to confirm" and the payment link for a booking awaiting online payment, else nothing. */
  function payCell(b) {
    if (!b.paymentRequired) return null;
    const span = el('span', { class: 'pay-to-confirm' }, ' ', el('strong', { class: 'payment', text: t('payToConfirm') }));
    if (b.paymentLink && /^https?:\/\//.test(b.paymentLink)) {
      span.append(' ', el('a', { class: 'pay-link', href: b.paymentLink, target: '_blank', rel: 'noopener noreferrer', dir: 'ltr', text: t('payNow') }));
    }
    return span;
  }

  async function downloadIcs(b) {
    $('#bookings-error').textContent = '';
    try {
      const res = await fetch(b.ics, { headers: { Authorization: 'Bearer ' + state.key } });
      if (!res.ok) {
        const body = await res.json().catch(() => ({}));
        throw new Error(body.message || res.statusText);
      }
      const blob = await res.blob();
      const a = el('a', { href: URL.createObjectURL(blob), download: b.id + '.ics' });
      document.body.append(a);
      a.click();
      a.remove();
    } catch (e) {
      $('#bookings-error').textContent = e.message;
    }
  }

  async function loadStats() {
    const s = await api('GET', '/stats');
    const dl = $('#stats');
    dl.replaceChildren();
    for (const [label, value] of [[t('plan'), s.plan], [t('statWatches'), number(s.watches)],
      [t('slotsAnnounced'), number(s.slotsAnnounced)], [t('statBookings'), number(s.bookings)]]) {
      dl.append(el('dt', { text: label }), el('dd', { text: value }));
    }
  }

  // ---------------------------------------------------------------- payments (plans bought through the gateway)

  function rials(n) {
    return t('rials', { n: number(n) });
  }

  /** Buy buttons for the plans on sale, and the receipts; quiet when the server sells nothing. */
  async function loadPayments() {
    const [plans, receipts] = await Promise.all([api('GET', '/plans'), api('GET', '/payments')]);
    const onSale = plans.filter((p) => p.forSale);
    $('#payments').hidden = onSale.length === 0 && receipts.length === 0;
    const buy = $('#buy');
    buy.replaceChildren();
    for (const p of onSale) {
      const b = el('button', { type: 'button', class: 'buy-plan', 'data-plan': p.name,
        text: t('buyPlan', { plan: p.name, amount: rials(p.price.amount) }) });
      b.addEventListener('click', () => checkout(p.name, b));
      buy.append(b, ' ');
    }
    const body = $('#receipts tbody');
    body.replaceChildren();
    for (const r of receipts) {
      body.append(el('tr', { 'data-payment-id': r.id },
        el('td', { 'data-label': t('plan'), text: r.plan }),
        el('td', { 'data-label': t('amount'), text: rials(r.amountRials) }),
        el('td', { class: 'payment-state', 'data-label': t('paymentState'), text: t('payment.' + r.state) }),
        el('td', { 'data-label': t('refId') }, r.refId ? el('code', { dir: 'ltr', text: r.refId }) : null),
        el('td', { 'data-label': t('card') }, r.cardPan ? el('code', { dir: 'ltr', text: r.cardPan }) : null),
        el('td', { 'data-label': t('planUntil') }, iso('when', txt(r.planUntilText)))));
    }
    $('#no-receipts').hidden = receipts.length > 0;
    // back from the gateway: /?payment=ID&state=STATE#payments
    const back = new URLSearchParams(window.location.search);
    if (back.get('payment') && back.get('state')) {
      $('#payment-result').textContent = t('paymentResult.' + back.get('state'));
    }
  }

  async function checkout(plan, button) {
    $('#payments-error').textContent = '';
    button.disabled = true;
    try {
      const c = await api('POST', '/checkout', { plan });
      if (!/^https?:\/\//.test(c.redirectUrl)) throw new Error('unexpected payment address');
      window.location.assign(c.redirectUrl);
    } catch (e) {
      $('#payments-error').textContent = e.message;
      button.disabled = false;
    }
  }

  // ---------------------------------------------------------------- start

  async function start() {
    $('#lang').addEventListener('click', switchLanguage);
    $('#logout').addEventListener('click', signOut);
    $('#watch-form').addEventListener('submit', addWatch);
    areas.wire();
    $('#pl-start').addEventListener('submit', startProviderLogin);
    $('#pl-complete').addEventListener('submit', completeProviderLogin);
    $('#key-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      $('#key-error').textContent = '';
      try {
        await signIn($('#key').value.trim());
        $('#key').value = '';
      } catch (e) {
        state.key = null;
        $('#key-error').textContent = e.status === 401 ? t('badKey') : e.message;
      }
    });
    await loadLanguage(state.lang);
    if (state.key) {
      try {
        await signIn(state.key);
        return;
      } catch (e) {
        signOut();
        return;
      }
    }
    $('#login').hidden = false;
  }

  document.addEventListener('DOMContentLoaded', start);
})();
