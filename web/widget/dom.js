// dom.js — a tiny element builder, the one place views are mounted, focus
// management after each step, and the polite live region for announcements.

/**
 * h('button', {class: 'primary', onclick: fn}, 'Text', childNode)
 * Attributes starting with "on" become listeners; `false`/`null` are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const main = () => document.getElementById('main');

/** Replaces the page content and moves focus to its heading (or `focus`). */
export function mount(nodes, focus) {
  const m = main();
  m.replaceChildren(...[nodes].flat());
  const target = focus || m.querySelector('h1') || m;
  if (!target.hasAttribute('tabindex') && !/^(BUTTON|A|INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) {
    target.setAttribute('tabindex', '-1');
  }
  target.focus({ preventScroll: false });
  window.scrollTo(0, 0);
  // The first view drawn with its handlers on: what bench/widget calls interactive.
  if (!performance.getEntriesByName('widget-interactive').length) performance.mark('widget-interactive');
}

let clearTimer = 0;
/** Says `text` to screen readers without moving focus. */
export function announce(text) {
  const live = document.getElementById('live');
  if (!live) return;
  live.textContent = '';
  clearTimeout(clearTimer);
  // A fresh text node after a tick makes repeated messages heard again.
  setTimeout(() => { live.textContent = text; }, 30);
  clearTimer = setTimeout(() => { live.textContent = ''; }, 8000);
}

/** A heading with a step counter above it ("Step 2 of 4"). */
export function heading(text, step) {
  return [step ? h('p', { class: 'step' }, step) : null, h('h1', {}, text)];
}

/** An alert box (role=alert is read at once). */
export function alertBox(text, kind = 'error') {
  return h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

export function isPhone() {
  return window.matchMedia('(max-width: 40rem)').matches || /Android|iPhone|iPad/i.test(navigator.userAgent);
}
