// app.js — the widget's entry point: loads the session's state, picks the
// language, and routes to the step the user is at (which is also where a
// refresh lands: the server knows what is uploaded, sessionStorage the rest).
// Steps after the first are loaded on demand to keep the first page small.
import * as api from './api.js';
import { announce } from './dom.js';
import { drawChrome, initLang } from './i18n.js';
import * as progress from './progress.js';
import { intro } from './step-intro.js';
import { errorPage, terminal } from './step-pages.js';

let state = null;
let redraw = () => {};

/** The first side, in order, that has not been uploaded. */
export function nextMissing(s) {
  for (const doc of s.documents) {
    for (const side of doc.sides) {
      if (!doc.uploaded[side]) return { doc, side };
    }
  }
  return null;
}

/** "Step n of total": one step per side, then the confirm step. */
export function stepOf(s, doc, side) {
  let n = 0;
  let total = 0;
  for (const d of s.documents) {
    for (const sd of d.sides) {
      total += 1;
      if (d === doc && sd === side) n = total;
    }
  }
  return { n: doc ? n : total + 1, total: total + 1 };
}

const nav = {
  get state() { return state; },
  /** Takes the state an API call returned, then goes where it leads. */
  update(next) { if (next) state = next; return nav.route(); },
  /** Reloads the state from the server (after a 400: something changed). */
  async refresh() {
    const res = await api.getState();
    if (!res.ok) return failed(res);
    state = res.data;
    return nav.route();
  },
  setRedraw(fn) { redraw = fn; },
  async route() {
    const saved = progress.load();
    if (state.phase !== 'open') {
      if (state.phase === 'submitted' && saved.submitted) return show('step-finish.js', 'done', state);
      return show('step-pages.js', 'terminal', state.phase, state);
    }
    if (!saved.intro) return show('step-intro.js', 'intro', state, nav);
    const missing = nextMissing(state);
    if (missing) return show('step-capture.js', 'capture', missing.doc, missing.side, nav);
    return show('step-finish.js', 'confirm', nav);
  },
  /** Opens the capture of one side (used by "Replace" on the confirm step). */
  capture(doc, side) { return show('step-capture.js', 'capture', doc, side, nav); },
};

const modules = {
  'step-intro.js': () => Promise.resolve({ intro }),
  'step-pages.js': () => Promise.resolve({ terminal, errorPage }),
};

/** Calls `fn` of a step module and remembers how to draw it again. */
async function show(file, fn, ...args) {
  let mod;
  try {
    mod = await (modules[file] ? modules[file]() : import(`./${file}`));
  } catch {
    return errorPage();
  }
  redraw = () => mod[fn](...args);
  return mod[fn](...args);
}

function failed(res) {
  if (res.kind === 'unknown') return terminal('unknown');
  return errorPage();
}

async function boot() {
  const res = await api.getState();
  initLang(res.ok ? res.data.language_hint : null);
  drawChrome(() => redraw());
  if (!res.ok) {
    redraw = () => failed(res);
    return failed(res);
  }
  state = res.data;
  await nav.route();
  announce('');
}

boot();
