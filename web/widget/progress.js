// progress.js — what the server cannot know about where the user was: that
// the instructions were read, and which step was open. Kept per session in
// sessionStorage so a refresh resumes there; the server's state decides the rest.

const key = 'colleckt.progress.' + location.pathname.split('/')[3];

function read() {
  try { return JSON.parse(sessionStorage.getItem(key) || '{}') || {}; } catch { return {}; }
}

export function load() { return read(); }

export function save(patch) {
  const next = { ...read(), ...patch };
  try { sessionStorage.setItem(key, JSON.stringify(next)); } catch { /* storage off: no resume */ }
  return next;
}

export function clear() {
  try { sessionStorage.removeItem(key); } catch { /* ignore */ }
}
