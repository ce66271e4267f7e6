// api.js — the widget's calls to its own session-scoped API. The session is
// the path segment the page was opened with; no other credential exists.
// Every failure becomes {kind, retryAfter?} for the views to put in words.

const base = location.pathname.replace(/\/process\/?$/, '') + '/api';

/** What a failed response means for the user. */
export function errorKind(status) {
  if (status === 0) return 'network';
  if (status === 404) return 'unknown';
  if (status === 413) return 'too_large';
  if (status === 415) return 'type';
  if (status === 422) return 'invalid';
  if (status === 429) return 'rate';
  if (status === 400) return 'closed';
  return 'server';
}

async function call(method, path, body) {
  let res;
  try {
    // Plain same-origin requests (no cookies exist): the first state read is
    // then the one the shell preloads. Answers are `no-store` server-side.
    res = await fetch(base + path, body ? {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    } : { method });
  } catch {
    return { ok: false, status: 0, kind: 'network' };
  }
  let data = null;
  try { data = await res.json(); } catch { /* empty or not JSON */ }
  if (res.ok) return { ok: true, status: res.status, data };
  return {
    ok: false,
    status: res.status,
    kind: errorKind(res.status),
    retryAfter: Number(res.headers.get('retry-after')) || 0,
    data,
  };
}

export const getState = () => call('GET', '/state');
export const getPreview = () => call('GET', '/preview');
export const submit = (corrections) => call('POST', '/submit', { corrections });

/**
 * Uploads one side with XHR so the bar can follow the bytes.
 * onProgress(fraction 0..1). Resolves like `call`.
 */
export function uploadSide(slot, side, blob, filename, onProgress) {
  return new Promise((resolve) => {
    const form = new FormData();
    form.append('slot', slot);
    form.append('side', side);
    form.append('file', blob, filename);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${base}/documents`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      const ok = xhr.status >= 200 && xhr.status < 300;
      resolve({
        ok,
        status: xhr.status,
        kind: ok ? null : errorKind(xhr.status),
        retryAfter: Number(xhr.getResponseHeader('retry-after')) || 0,
        data: xhr.response,
      });
    };
    xhr.onerror = () => resolve({ ok: false, status: 0, kind: 'network' });
    xhr.ontimeout = xhr.onerror;
    xhr.timeout = 120000;
    xhr.send(form);
  });
}
