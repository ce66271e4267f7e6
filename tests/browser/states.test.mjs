// states.test.mjs — every page where nothing more can be done (already
// submitted, finished, canceled, expired, unknown link), Spanish (from the
// browser and by the switch), refused uploads explained with a retry, and the
// file fallback when there is no camera. Screenshots at both sizes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, onPage, open, shot, SIZES } from './lib/browser.mjs';
import { apiUpload, BASE, createVerification, rest } from './lib/env.mjs';
import { makeImages } from './lib/fixtures.mjs';

let browser;
let files;

before(async () => {
  browser = await launch();
  const { context, page } = await open(browser, 'desktop');
  await page.goto(`${BASE}/healthz`);
  files = await makeImages(page);
  await context.close();
});
after(() => browser?.close());

const actor = { comment: 'set by the browser tests', email: 'tests@example.com' };

/** Makes a verification in each terminal situation; returns its widget url. */
const SETUPS = {
  async submitted() {
    const v = await createVerification();
    const img = readFileSync(files.passport);
    await apiUpload(v.id, 'photo_id', img);
    await apiUpload(v.id, 'proof_of_address', readFileSync(files['license-front']), readFileSync(files['license-back']));
    assert.equal((await rest('PUT', `/api/v1/usps1583/verifications/${v.id}/submit`, {})).status, 200);
    return v.url;
  },
  async finished() {
    const v = await createVerification();
    assert.equal((await rest('PUT', `/api/v1/usps1583/verifications/${v.id}/approve`, actor)).status, 200);
    return v.url;
  },
  async canceled() {
    const v = await createVerification();
    assert.equal((await rest('PUT', `/api/v1/usps1583/verifications/${v.id}/cancel`, actor)).status, 200);
    return v.url;
  },
  async expired() {
    const v = await createVerification();
    assert.equal((await rest('PATCH', `/api/v1/usps1583/verifications/${v.id}`, { ...actor, status: 6 })).status, 200);
    return v.url;
  },
  async unknown() {
    return `${BASE}/spa/v3/${'x'.repeat(43)}/process`;
  },
};

const TITLES = {
  submitted: 'Already submitted',
  finished: 'Verification complete',
  canceled: 'Verification canceled',
  expired: 'This link has expired',
  unknown: 'This link doesn’t work',
};

for (const [kind, setup] of Object.entries(SETUPS)) {
  test(`terminal page: ${kind}`, async () => {
    const url = await setup();
    for (const size of Object.keys(SIZES)) {
      const { context, page } = await open(browser, size);
      await page.goto(url);
      await onPage(page, kind);
      assert.equal(await page.locator('h1').textContent(), TITLES[kind]);
      const text = await page.locator('main').textContent();
      assert.doesNotMatch(text, /error|exception|status|api|json|404|400/i, 'no jargon');
      await shot(page, `state-${kind}`, size);
      assert.deepEqual(page.errors.filter((e) => !/Failed to load resource/.test(e)), []);
      await context.close();
    }
  });
}

test('QR code URL redirects to the widget', async () => {
  const v = await createVerification();
  const { context, page } = await open(browser, 'phone');
  await page.goto(v.qr_code);
  assert.equal(page.url(), v.url);
  await onPage(page, 'intro');
  const png = await page.goto(`${v.qr_code}.png`);
  assert.equal(png.headers()['content-type'], 'image/png');
  await shot(page, 'qr-png', 'phone', false);
  await context.close();
});

test('Spanish from the browser, and the switch back and forth', async () => {
  const v = await createVerification();
  for (const size of Object.keys(SIZES)) {
    const { context, page } = await open(browser, size, { locale: 'es-MX' });
    await page.goto(v.url);
    await onPage(page, 'intro');
    assert.equal(await page.locator('h1').textContent(), 'Verifique su identidad');
    assert.equal(await page.getAttribute('html', 'lang'), 'es');
    assert.match(await page.locator('main').textContent(), /Pasaporte/);
    await shot(page, 'es-01-intro', size);
    await page.getByRole('button', { name: 'Comenzar' }).click();
    await onPage(page, 'capture');
    assert.match(await page.locator('h1').textContent(), /Pasaporte: página de la foto/);
    await shot(page, 'es-02-capture', size);
    await page.setInputFiles('#choose-file', files.bad);
    await onPage(page, 'capture');
    assert.match(await page.locator('[role=alert]').textContent(), /No pudimos leer este archivo/);
    await shot(page, 'es-03-unreadable', size);
    await page.getByRole('button', { name: 'View this page in English' }).click();
    assert.match(await page.locator('h1').textContent(), /Passport: photo page/);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.reload();
    await onPage(page, 'capture');
    assert.match(await page.locator('h1').textContent(), /Passport/, 'the choice survives a refresh');
    await context.close();
  }
});

test('refused uploads say why in plain words, with a retry', async () => {
  for (const size of Object.keys(SIZES)) {
    const v = await createVerification();
    const { context, page } = await open(browser, size);
    await page.goto(v.url);
    await onPage(page, 'intro');
    await page.getByRole('button', { name: 'Start' }).click();
    await onPage(page, 'capture');

    // A file the browser cannot read as an image.
    await page.setInputFiles('#choose-file', files.bad);
    await onPage(page, 'capture');
    assert.match(await page.locator('[role=alert]').textContent(), /couldn’t read this file/);
    await shot(page, 'reject-unreadable', size);

    // The server refuses: too large, then too many tries; each explained.
    let replies = [
      { status: 413, body: { message: 'The file file is larger than 15 MiB.' } },
      { status: 429, body: { message: 'Too many requests.' }, headers: { 'retry-after': '7' } },
    ];
    await page.route('**/api/documents', (route) => {
      const r = replies.shift();
      if (!r) return route.continue();
      return route.fulfill({ status: r.status, headers: { 'content-type': 'application/json', ...(r.headers || {}) }, body: JSON.stringify(r.body) });
    });
    await page.setInputFiles('#choose-file', files.passport);
    await onPage(page, 'review');
    await page.getByRole('button', { name: 'Use this photo' }).click();
    await page.locator('[role=alert]', { hasText: 'too large' }).waitFor();
    await shot(page, 'reject-too-large', size);
    assert.equal(await page.getByRole('button', { name: 'Try again' }).count(), 0, 'retrying a too-large file is not offered');
    await page.getByRole('button', { name: 'Choose another photo' }).click();
    await onPage(page, 'capture');
    await page.setInputFiles('#choose-file', files.passport);
    await page.getByRole('button', { name: 'Use this photo' }).click();
    await page.locator('[role=alert]', { hasText: 'wait 7 seconds' }).waitFor();
    await shot(page, 'reject-rate', size);
    await page.getByRole('button', { name: 'Try again' }).click();
    await onPage(page, 'capture');
    assert.match(await page.locator('h1').textContent(), /Driver License: front/);
    await page.unroute('**/api/documents');
    replies = [];
    await context.close();
  }
});

test('no camera: the file options stay and say so', async () => {
  const v = await createVerification();
  for (const size of Object.keys(SIZES)) {
    const { context, page } = await open(browser, size);
    await page.goto(v.url);
    await onPage(page, 'intro');
    await page.getByRole('button', { name: 'Start' }).click();
    await onPage(page, 'capture');
    await page.getByRole('button', { name: 'Use the camera' }).click();
    const alert = page.locator('.notice');
    await alert.waitFor();
    assert.match(await alert.textContent(), /camera/);
    assert.equal(await page.getByRole('button', { name: 'Use the camera' }).count(), 0);
    assert.ok(await page.locator('#choose-file').count());
    if (size === 'phone') assert.equal(await page.getAttribute('#take-file', 'capture'), 'environment');
    await shot(page, 'camera-absent', size);
    await context.close();
  }
});
