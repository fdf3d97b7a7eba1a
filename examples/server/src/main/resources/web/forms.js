// SlotHunter dashboard: the watch form's filters and auto-booking, and the booking-site sign-in
// (provider login by SMS code). Loaded before app.js, which passes its helpers in; the same rules
// hold: text only through textContent, user and provider text in its own <bdi>, no date formatting
// here (the server sends display texts).
'use strict';

window.SlotHunterForms = function ({ $, el, t, txt, iso, number, api, state }) {
  const SESSIONS = 'slothunter.sessions';
  const DAYS = ['SATURDAY', 'SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'];

  /**
   * A POST /watches body: what to watch ({link} or {area}) plus whatever filters and auto-booking the
   * watch form has chosen.
   */
  function watchRequest(what) {
    const body = { ...what };
    const from = $('#f-from').value;
    const to = $('#f-to').value;
    if (from) body.from = from;
    if (to) body.to = to;
    const days = [...document.querySelectorAll('#f-days input:checked')].map((c) => c.value);
    if (days.length) body.daysOfWeek = days;
    const start = $('#f-time-from').value;
    const end = $('#f-time-to').value;
    if (start || end) {
      if (!start || !end) throw new Error(t('timeIncomplete'));
      body.timesOfDay = [start + '-' + end];
    }
    const price = $('#f-max-price').value;
    if (price !== '') body.maxPrice = Number(price);
    if ($('#f-earliest').checked) body.earliestOnly = true;
    if ($('#ab-on').checked) {
      body.autoBook = { sessionId: $('#ab-session').value, patientId: $('#ab-patient').value };
    }
    return body;
  }

  /** The weekday check boxes, Saturday first, named in the current language. */
  function renderDayChoices() {
    const box = $('#f-days');
    const checked = new Set([...box.querySelectorAll('input:checked')].map((c) => c.value));
    for (const l of box.querySelectorAll('label')) l.remove();
    const names = state.messages.days || DAYS;
    DAYS.forEach((day, i) => {
      const input = el('input', { type: 'checkbox', value: day, name: 'day' });
      input.checked = checked.has(day);
      box.append(el('label', {}, input, ' ', el('span', { text: names[i] })));
    });
  }

  // ---------------------------------------------------------------- auto-booking: patients and provider sign-in

  async function loadPatients() {
    try {
      state.patients = await api('GET', '/patients');
    } catch (e) {
      state.patients = [];
    }
    renderAutoBook();
  }

  /** Sessions from a provider sign-in in this browser (ids only: the tokens stay on the server). */
  function sessions() {
    let list = [];
    try {
      list = JSON.parse(localStorage.getItem(SESSIONS) || '[]');
    } catch (e) {
      list = [];
    }
    // one per provider (a new sign-in replaces the old); the server, not this browser's clock, judges expiry
    return list.filter((x) => x && x.sessionId);
  }

  function renderAutoBook() {
    const patient = $('#ab-patient');
    patient.replaceChildren();
    for (const p of state.patients) {
      patient.append(el('option', { value: p.id, text: [p.firstName, p.lastName].join(' ') + ' (' + p.label + ')' }));
    }
    const session = $('#ab-session');
    session.replaceChildren();
    for (const x of sessions()) {
      session.append(el('option', { value: x.sessionId, text: t('provider.' + x.provider) + ' — ' + txt(x.expiresAtText) }));
    }
    const missing = [];
    if (!state.patients.length) missing.push(t('noPatients'));
    if (!session.options.length) missing.push(t('noSessions'));
    $('#ab-hint').textContent = missing.join(' ');
    $('#ab-on').disabled = missing.length > 0;
    if (missing.length) $('#ab-on').checked = false;
  }

  function renderSessions() {
    const list = $('#sessions');
    list.replaceChildren();
    for (const x of sessions()) {
      const imp = el('button', { type: 'button', class: 'secondary small', text: t('importPatients') });
      imp.addEventListener('click', () => importPatients(x.sessionId));
      list.append(el('li', { 'data-session-id': x.sessionId }, el('span', { text: t('provider.' + x.provider) }), ' ',
        iso('muted', t('loggedIn', { until: txt(x.expiresAtText) })), ' ', imp));
    }
    renderAutoBook();
  }

  async function startProviderLogin(event) {
    event.preventDefault();
    $('#pl-error').textContent = '';
    $('#pl-status').textContent = '';
    try {
      const started = await api('POST', '/logins', { provider: $('#pl-provider').value, mobile: $('#pl-mobile').value.trim() });
      state.login = started.id;
      $('#pl-complete').hidden = false;
      $('#pl-code').focus();
      const [before, after] = t('codeSent').split('{mobile}');
      $('#pl-status').replaceChildren(before || '', el('bdi', { dir: 'ltr', text: started.mobile }), after || '');
      if (started.notice) $('#pl-status').append(' ', iso('notice', started.notice));
    } catch (e) {
      $('#pl-error').textContent = e.message;
    }
  }

  async function completeProviderLogin(event) {
    event.preventDefault();
    $('#pl-error').textContent = '';
    try {
      const s = await api('POST', '/logins/' + encodeURIComponent(state.login) + '/complete', { code: $('#pl-code').value.trim() });
      const list = sessions().filter((x) => x.provider !== s.provider);
      list.push({ sessionId: s.sessionId, provider: s.provider, expiresAt: s.expiresAt, expiresAtText: s.expiresAtText });
      localStorage.setItem(SESSIONS, JSON.stringify(list));
      state.login = null;
      $('#pl-code').value = '';
      $('#pl-mobile').value = '';
      $('#pl-complete').hidden = true;
      $('#pl-status').textContent = t('loggedIn', { until: txt(s.expiresAtText) });
      renderSessions();
    } catch (e) {
      $('#pl-error').textContent = e.message;
    }
  }

  async function importPatients(sessionId) {
    $('#pl-error').textContent = '';
    try {
      const added = await api('POST', '/patients/import', { sessionId });
      $('#pl-status').textContent = t('patientsImported', { n: number(added.length) });
      await loadPatients();
    } catch (e) {
      $('#pl-error').textContent = e.message;
    }
  }

  return { watchRequest, renderDayChoices, loadPatients, renderAutoBook, renderSessions, startProviderLogin,
    completeProviderLogin };
};
