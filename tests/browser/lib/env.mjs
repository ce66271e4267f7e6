// env.mjs — the server the tests drive (started by scripts/test-browser, which
// exports COLLECKT_URL and COLLECKT_TOKEN) and REST calls to set up cases.
import assert from 'node:assert/strict';

export const BASE = process.env.COLLECKT_URL || 'http://127.0.0.1:8080';
export const TOKEN = process.env.COLLECKT_TOKEN || '';

export async function rest(method, path, body) {
  const res = await fetch(BASE + path, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** The seeds' Homer Simpson, with `overrides` merged at the top level. */
export function homer(overrides = {}) {
  return {
    vendor_reference: 'BROWSER-1',
    person: { first_name: 'Homer', last_name: 'Simpson', date_of_birth: '1988-05-06' },
    address: { street: '742 Evergreen Terrace', city: 'Springfield', state: 'Tennessee', postal_code: '92026', country: 'USA' },
    documents: {
      photo_id: { type: 'Passport', number: 'AB123456', country: 'USA' },
      proof_of_address: { type: 'Driver License', number: 'DL789012', country: 'USA' },
    },
    ...overrides,
  };
}

/** Creates a verification; returns {id, url, qr_code}. */
export async function createVerification(overrides) {
  const r = await rest('POST', '/api/v1/usps1583/verifications', homer(overrides));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.data;
}

export async function getVerification(id) {
  const r = await rest('GET', `/api/v1/usps1583/verifications/${id}`);
  assert.equal(r.status, 200);
  return r.body.data;
}

/** Uploads a document through the integrator API (to reach Submitted). */
export async function apiUpload(id, slot, front, back) {
  const form = new FormData();
  form.append('slot', slot);
  form.append('front', new Blob([front], { type: 'image/png' }), 'front.png');
  if (back) form.append('back', new Blob([back], { type: 'image/png' }), 'back.png');
  const res = await fetch(`${BASE}/api/v1/usps1583/verifications/${id}/documents`, {
    method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: form,
  });
  assert.equal(res.status, 201, await res.text());
}

/** Width and height of a JPEG, from its SOF marker. */
export function jpegSize(buf) {
  let i = 2;
  while (i < buf.length) {
    if (buf[i] !== 0xff) return null;
    const m = buf[i + 1];
    const len = buf.readUInt16BE(i + 2);
    if (m >= 0xc0 && m <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(m)) {
      return { height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
    }
    i += 2 + len;
  }
  return null;
}
