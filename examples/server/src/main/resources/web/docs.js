// The API reference page: reads the served OpenAPI document and lists every operation with its
// parameters, request and response examples and a "Try it" form. Plain JS; text only through
// textContent (the document and the answers are never parsed as markup).
'use strict';

(function () {
  const { $, el } = window.SlotHunterDom;

  function pretty(value) {
    return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  }

  /** The first example of a request body or response ({example} or {examples: {name: {value}}}). */
  function exampleOf(content) {
    for (const media of Object.values(content || {})) {
      if (media.example !== undefined) return media.example;
      if (media.examples) {
        const first = Object.values(media.examples)[0];
        if (first) return first.value;
      }
    }
    return undefined;
  }

  function operation(path, method, op) {
    const id = method + ' ' + path;
    const card = el('section', { class: 'card op', 'data-operation': id.toUpperCase(), id: (method + path).replace(/[^A-Za-z0-9]+/g, '-') },
      el('h3', {}, el('span', { class: 'method ' + method, text: method }), el('span', { class: 'path', text: path }),
        el('span', { class: 'summary', text: op.summary || '' })));
    if (op.description) card.append(el('p', { class: 'muted', text: op.description }));
    const inputs = {};
    const params = el('div', { class: 'params' });
    for (const p of op.parameters || []) {
      if (p.in !== 'path' && p.in !== 'query') continue;
      const input = el('input', { type: 'text', dir: 'ltr', name: p.name, placeholder: p.schema && p.schema.enum ? p.schema.enum.join(' | ') : '' });
      if (p.example !== undefined) input.value = String(p.example);
      inputs[p.name] = { input, where: p.in, required: p.required };
      params.append(el('label', {}, el('span', { text: p.name + ' (' + p.in + (p.required ? ', required' : '') + ')' + (p.description ? ': ' + p.description : '') }), input));
    }
    if (params.childElementCount) card.append(params);
    let body = null;
    if (op.requestBody) {
      const example = exampleOf(op.requestBody.content);
      body = el('textarea', { class: 'body', spellcheck: 'false', 'aria-label': 'request body' });
      body.value = example === undefined ? '' : pretty(example);
      card.append(el('h4', { text: 'Request body (example)' }), body);
    }
    const responses = el('div', { class: 'responses' });
    for (const [code, r] of Object.entries(op.responses || {})) {
      const example = exampleOf(r.content);
      const details = el('details', { 'data-status': code }, el('summary', { text: code + ' ' + (r.description || '') }));
      if (example !== undefined) details.append(el('pre', { class: 'example', text: pretty(example) }));
      responses.append(details);
    }
    card.append(el('h4', { text: 'Responses' }), responses);
    const streams = Object.values(op.responses || {}).some((r) => r.content && r.content['text/event-stream']);
    const answer = el('pre', { class: 'answer', hidden: '' });
    if (streams) {
      card.append(el('p', { class: 'muted', text: 'A Server-Sent Events stream: open it with EventSource (see POST /api/v1/events/tickets), not from this page.' }));
    } else {
      const button = el('button', { type: 'button', class: 'try', text: 'Try it' });
      button.addEventListener('click', () => tryIt(path, method, inputs, body, answer, button));
      card.append(button, answer);
    }
    return card;
  }

  async function tryIt(path, method, inputs, body, answer, button) {
    let url = path;
    const query = new URLSearchParams();
    for (const [name, p] of Object.entries(inputs)) {
      const v = p.input.value.trim();
      if (p.where === 'path') url = url.replace('{' + name + '}', encodeURIComponent(v));
      else if (v) query.set(name, v);
    }
    if ([...query].length) url += '?' + query;
    const headers = {};
    const key = $('#key').value.trim();
    if (key) headers.Authorization = 'Bearer ' + key;
    if (body) headers['Content-Type'] = 'application/json';
    button.disabled = true;
    answer.hidden = false;
    answer.textContent = method.toUpperCase() + ' ' + url + ' …';
    try {
      const res = await fetch(url, { method: method.toUpperCase(), headers, body: body ? body.value : undefined, redirect: 'manual' });
      const text = await res.text();
      let shown = text;
      try {
        shown = JSON.stringify(JSON.parse(text), null, 2);
      } catch (e) {
        // not JSON: show as is
      }
      answer.textContent = res.status + ' ' + res.statusText + '\n' + shown;
      answer.setAttribute('data-status', String(res.status));
    } catch (e) {
      answer.textContent = 'request failed: ' + e.message;
    } finally {
      button.disabled = false;
    }
  }

  function applyFilter() {
    const words = $('#filter').value.trim().toUpperCase().split(/\s+/).filter(Boolean);
    for (const card of document.querySelectorAll('.op')) {
      const hay = card.textContent.toUpperCase();
      card.hidden = !words.every((w) => hay.includes(w));
    }
  }

  async function start() {
    $('#key').value = localStorage.getItem('slothunter.key') || '';
    $('#filter').addEventListener('input', applyFilter);
    $('#docs-key').addEventListener('submit', (e) => e.preventDefault());
    try {
      const res = await fetch('/api/v1/openapi.json');
      const doc = await res.json();
      const list = $('#operations');
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(item)) list.append(operation(path, method, op));
      }
      document.body.setAttribute('data-operations', String(list.childElementCount));
    } catch (e) {
      $('#docs-error').textContent = 'could not read the API document: ' + e.message;
    }
  }

  document.addEventListener('DOMContentLoaded', start);
})();
