// SlotHunter dashboard: the area form (issue #24: "any dermatologist near me, before Thursday").
// Previews GET /areas/search (the doctors, their distance and first free slot) and creates the area
// watch with the watch form's filters and auto-booking. Loaded before app.js, which passes its
// helpers in; the same rules hold: text only through textContent, user and provider text in its
// own <bdi>, no date or number formatting here (the server sends display texts).
'use strict';

window.SlotHunterAreas = function ({ $, el, t, txt, iso, number, api, watchRequest, onCreated }) {
  /** The area form's criteria, as the search's query parameters and a watch's 'area' object. */
  function criteria() {
    const area = { specialty: $('#a-specialty').value.trim(), city: $('#a-city').value.trim() };
    const near = $('#a-near').value.trim();
    const km = $('#a-km').value;
    const price = $('#a-max-price').value;
    if (near) area.near = near;
    if (km !== '') area.km = Number(km);
    if (price !== '') area.maxPrice = Number(price);
    if ($('#a-gender').value) area.gender = $('#a-gender').value;
    if ($('#a-visit').value) area.visitType = $('#a-visit').value;
    return area;
  }

  function showError(e) {
    $('#area-error').textContent = e.message;
  }

  async function preview(event) {
    event.preventDefault();
    $('#area-error').textContent = '';
    const query = new URLSearchParams(Object.entries(criteria()).map(([k, v]) => [k, String(v)]));
    try {
      render(await api('GET', '/areas/search?' + query.toString()));
    } catch (e) {
      $('#area-members').replaceChildren();
      $('#area-count').textContent = '';
      showError(e);
    }
  }

  function render(result) {
    $('#area-count').textContent = t('areaCount', { n: number(result.count) });
    const list = $('#area-members');
    list.replaceChildren();
    for (const m of result.members) {
      const center = m.centers[0];
      const item = el('li', { class: 'member', 'data-doctor': m.doctor.key }, iso('doctor', m.name));
      if (center && center.name) item.append(' ', iso('muted place', center.name));
      if (m.distanceText) item.append(' ', iso('distance', txt(m.distanceText)));
      if (center && center.priceText) item.append(' ', iso('muted price', txt(center.priceText)));
      item.append(' ', m.firstFreeText ? iso('when', txt(m.firstFreeText)) : el('span', { class: 'muted', text: t('areaNoFree') }));
      list.append(item);
    }
  }

  async function watch() {
    $('#area-error').textContent = '';
    const button = $('#a-watch');
    button.disabled = true;
    try {
      const w = await api('POST', '/watches', watchRequest({ area: criteria() }));
      await onCreated(w);
    } catch (e) {
      showError(e);
    } finally {
      button.disabled = false;
    }
  }

  /** Fills the point from the browser's location, when the person allows it. */
  function locate() {
    if (!navigator.geolocation) {
      showError(new Error(t('areaNoLocation')));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => { $('#a-near').value = p.coords.latitude.toFixed(4) + ',' + p.coords.longitude.toFixed(4); },
      () => showError(new Error(t('areaNoLocation'))),
      { timeout: 10000 });
  }

  function wire() {
    $('#area-form').addEventListener('submit', preview);
    $('#a-watch').addEventListener('click', watch);
    $('#a-locate').addEventListener('click', locate);
  }

  return { wire };
};
