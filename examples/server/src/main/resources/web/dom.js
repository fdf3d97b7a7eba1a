// The DOM helpers both pages share (the dashboard and the API reference). Text only: nothing here
// parses HTML, so data from the API can never become markup.
'use strict';

window.SlotHunterDom = Object.freeze({
  $: (selector) => document.querySelector(selector),

  /** Builds an element; string children become text nodes (append never parses HTML). */
  el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else e.setAttribute(k, v);
    }
    for (const c of children) {
      if (c !== undefined && c !== null) e.append(c);
    }
    return e;
  },
});
