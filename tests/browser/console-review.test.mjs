// console-review.test.mjs — the reviewer console's queue and case page in
// Chromium: sign in, filter, open a Double Check case, the claim seen by a
// second reviewer, keyboard shortcuts, approve with a comment (leaving what
// an API approval leaves), a private
// note kept out of the API, another workspace's case refused (404), axe-core
// at desktop 1440×900 and tablet 768×1024 in English and Spanish, and the
// screenshots. Sign-ins are few (the console allows 10 a minute per address):
// one per user, then the language is switched by the footer link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launch, open, shot, CONSOLE_SIZES } from './lib/browser.mjs';
import { BASE, apiUpload, createVerification, getVerification, homer, rest } from './lib/env.mjs';
import { makeImages } from './lib/fixtures.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PASSWORD = process.env.COLLECKT_CONSOLE_PASSWORD || '';
const OTHER_TOKEN = process.env.COLLECKT_OTHER_TOKEN || '';
const R1 = 'reviewer1@browser.test';
const R2 = 'reviewer2@browser.test';
// A surname unique to this run, so the holder filter finds only our cases.
const TAG = Array.from({ length: 6 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('');
const SURNAME = `Simpson${TAG}`;

let browser;
let files;
let r1; // { context, page } of the first reviewer, kept signed in
let decided; // the case approved through the console
let shown; // a case left in Double Check for the axe scans and screenshots
let plain; // a case decided without JavaScript
let twin; // a case like `decided`, approved through the API instead

async function doubleCheck(first, reference) {
  const v = await createVerification({
    vendor_reference: reference,
    person: { first_name: first, last_name: SURNAME, date_of_birth: '1988-05-06' },
  });
  await apiUpload(v.id, 'photo_id', readFileSync(files.passport));
  await apiUpload(v.id, 'proof_of_address', readFileSync(files['license-front']), readFileSync(files['license-back']));
  const r = await rest('PATCH', `/api/v1/usps1583/verifications/${v.id}`,
    { status: 5, comment: 'The photo is hard to read; please compare by hand.', email: 'ops@browser.test' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return v.id;
}

async function signIn(browser, email, size = 'desktop-wide') {
  const s = await open(browser, size);
  await s.page.goto(`${BASE}/console/sign-in`);
  await s.page.fill('#email', email);
  await s.page.fill('#password', PASSWORD);
  await Promise.all([s.page.waitForURL(/\/console\/queue/), s.page.click('main button[type=submit]')]);
  return s;
}

async function scan(page, label) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const detail = bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(detail, [], `${label}: ${detail.join('; ')}`);
}

before(async () => {
  assert.ok(PASSWORD, 'COLLECKT_CONSOLE_PASSWORD (scripts/test-browser sets it)');
  browser = await launch();
  const { context, page } = await open(browser, 'desktop');
  await page.goto(`${BASE}/healthz`);
  files = await makeImages(page);
  await context.close();
  decided = await doubleCheck('Homer', `REVIEW-${TAG}-1`);
  shown = await doubleCheck('Marge', `REVIEW-${TAG}-2`);
  plain = await doubleCheck('Bart', `REVIEW-${TAG}-3`);
  twin = await doubleCheck('Homer', `REVIEW-${TAG}-4`);
  r1 = await signIn(browser, R1);
});
after(() => browser?.close());

test('the queue lists Double Check cases and filters them', async () => {
  const { page } = r1;
  await page.goto(`${BASE}/console/queue`);
  await page.locator('h1').waitFor();
  assert.equal(await page.locator('.tabs a[aria-current=page]').count(), 1);
  assert.match(await page.locator('.tabs a[aria-current=page]').innerText(), /Double Check/);
  // By holder name (whole words, any case) through the form.
  await page.fill('#f-holder', SURNAME.toUpperCase());
  await Promise.all([page.waitForURL(/holder=/), page.click('form.filters button[type=submit]')]);
  const rows = page.locator('table.queue tbody tr');
  assert.equal(await rows.count(), 4);
  assert.match(await page.locator('table.queue').innerText(), new RegExp(`Homer ${SURNAME}`));
  // A prefix is not a word: nothing.
  await page.fill('#f-holder', SURNAME.slice(0, 5));
  await Promise.all([page.waitForURL(/holder=/), page.click('form.filters button[type=submit]')]);
  assert.equal(await page.locator('table.queue tbody tr').count(), 0);
  // By vendor reference.
  await page.fill('#f-holder', '');
  await page.fill('#f-reference', `REVIEW-${TAG}-2`);
  await Promise.all([page.waitForURL(/reference=/), page.click('form.filters button[type=submit]')]);
  assert.equal(await page.locator('table.queue tbody tr').count(), 1);
  assert.match(await page.locator('table.queue').innerText(), /Marge/);
  assert.deepEqual(page.foreign, []);
  assert.deepEqual(page.errors, []);
});

test('opening a case claims it; a second reviewer sees it read only', async () => {
  const { page } = r1;
  await page.goto(`${BASE}/console/queue?holder=homer+${SURNAME}`);
  await Promise.all([page.waitForURL(/\/console\/cases\//), page.click('table.queue tbody a')]);
  assert.ok(page.url().endsWith(`/console/cases/${decided}`));
  assert.match(await page.locator('#claim').innerText(), /You are reviewing this case until/);
  assert.match(await page.locator('.why').innerText(), /please compare by hand/);
  // The images come from the console's own route and decode.
  const img = page.locator('figure.viewer img').first();
  await img.scrollIntoViewIfNeeded();
  await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
  // The viewer's tools (JS) zoom and rotate.
  await page.locator('figure.viewer .tools button', { hasText: 'Zoom in' }).first().click();
  await page.locator('figure.viewer .tools button', { hasText: 'Rotate' }).first().click();
  assert.match(await img.evaluate((el) => el.style.transform), /scale\(1\.5\) rotate\(90deg\)/);

  const r2 = await signIn(browser, R2);
  await r2.page.goto(`${BASE}/console/cases/${decided}`);
  assert.match(await r2.page.locator('#claim').innerText(), new RegExp(`Being reviewed by ${R1}`));
  assert.equal(await r2.page.locator('#decide-form button[data-action=approve]').isDisabled(), true);
  await r2.page.goto(`${BASE}/console/queue?holder=homer+${SURNAME}`);
  assert.match(await r2.page.locator('table.queue').innerText(), new RegExp(R1));
  assert.deepEqual(r2.page.errors, []);
  await r2.context.close();
});

test('shortcuts, a private note and an approval with a comment', async () => {
  const { page } = r1;
  await page.goto(`${BASE}/console/cases/${decided}`);
  // "o" focuses the private note; typing there does not fire shortcuts.
  await page.locator('h1').click();
  await page.keyboard.press('o');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'note');
  await page.keyboard.type('Called the holder about the photo (ZEBRA-4412).');
  assert.match(page.url(), new RegExp(`/cases/${decided}$`), 'typing "a" or "r" in the note did nothing');
  await Promise.all([page.waitForURL(/done=note_added/), page.click('#notes button[type=submit]')]);
  assert.match(await page.locator('#notes').innerText(), /ZEBRA-4412/);
  assert.match(await page.locator('#notes').innerText(), /never shown in the API or webhooks/);

  // "a" with an empty comment goes to the comment first; Ctrl+Enter approves.
  await page.locator('h1').click();
  await page.keyboard.press('a');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'comment');
  await page.keyboard.type('Face and name match the passport.');
  await Promise.all([page.waitForURL(/done=approve/), page.keyboard.press('Control+Enter')]);
  assert.match(await page.locator('.notice').innerText(), /Approved/);
  assert.match(await page.locator('h1').innerText(), /Approved/);

  const v = await getVerification(decided);
  assert.equal(v.status_label, 'Approved');
  assert.equal(v.history[0].user, R1);
  assert.equal(v.history[0].comment, 'Face and name match the passport.');
  assert.equal(v.documents[0].decisions.at(-1).user, R1);
  assert.ok(!JSON.stringify(v).includes('ZEBRA'), 'the private note is not in the API');
  assert.deepEqual(page.errors, []);

  // The same approval by the same person over the API leaves the same
  // history, comments and document decisions (ids and times aside).
  const api = await rest('PUT', `/api/v1/usps1583/verifications/${twin}/approve`,
    { comment: 'Face and name match the passport.', email: R1 });
  assert.equal(api.status, 200, JSON.stringify(api.body));
  const w = await getVerification(twin);
  const shape = (x) => ({
    status: x.status_label,
    history: x.history.map((h) => [h.from_status, h.to_status, h.user, h.comment]),
    comments: x.comments.map((c) => [c.content, c.status]),
    decisions: x.documents.map((d) => [d.status, d.decisions.map((e) => [e.decision, e.source, e.user, e.comment])]),
  });
  assert.deepEqual(shape(v), shape(w));
});

test('every action works without JavaScript; a forged form is refused', async () => {
  // The first reviewer's session, in a browser with scripts off.
  const context = await browser.newContext({
    viewport: CONSOLE_SIZES['desktop-wide'],
    javaScriptEnabled: false,
    storageState: await r1.context.storageState(),
  });
  const page = await context.newPage();
  await page.goto(`${BASE}/console/queue?reference=REVIEW-${TAG}-3`);
  await Promise.all([page.waitForURL(/\/console\/cases\//), page.click('table.queue tbody a')]);
  assert.equal(await page.locator('figure.viewer .tools').count(), 0, 'no viewer tools without JS');
  await page.fill('#comment', 'Waiting for a clearer photo.');
  await Promise.all([page.waitForURL(/done=hold/), page.click('#decide-form button[data-action=hold]')]);
  assert.match(await page.locator('.notice').innerText(), /Put on hold/);
  assert.equal((await getVerification(plain)).status_label, 'Hold');
  await context.close();

  // A form whose token was tampered with changes nothing.
  const { page: p1 } = r1;
  await p1.goto(`${BASE}/console/cases/${plain}`);
  await p1.evaluate(() => { document.querySelector('#notes input[name=csrf]').value = 'forged'; });
  await p1.fill('#note', 'FORGED-NOTE');
  const [res] = await Promise.all([p1.waitForNavigation(), p1.click('#notes button[type=submit]')]);
  assert.equal(res.status(), 403);
  await p1.goto(`${BASE}/console/cases/${plain}`);
  assert.ok(!(await p1.content()).includes('FORGED-NOTE'));
  p1.errors.length = 0; // the 403 above was the point
});

test("another workspace's case and images answer 404", async () => {
  const other = await signIn(browser, 'admin@other.test');
  const res = await other.page.goto(`${BASE}/console/cases/${shown}`);
  assert.equal(res.status(), 404);
  const doc = (await getVerification(shown)).documents[0].id;
  const img = await other.page.goto(`${BASE}/console/cases/${shown}/documents/${doc}/front`);
  assert.equal(img.status(), 404);
  // Its own case is listed there; ours never is.
  const r = await fetch(`${BASE}/api/v1/usps1583/verifications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${OTHER_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(homer({ vendor_reference: `OTHER-${TAG}` })),
  });
  assert.equal(r.status, 201, await r.text());
  await other.page.goto(`${BASE}/console/queue?status=all&reference=OTHER-${TAG}`);
  assert.equal(await other.page.locator('table.queue tbody tr').count(), 1);
  await other.page.goto(`${BASE}/console/queue?status=all`);
  const html = await other.page.content();
  assert.ok(!html.includes(shown) && !html.includes(decided));
  await other.context.close();
});

for (const [size, label] of [['desktop-wide', 'desktop'], ['tablet', 'tablet']]) {
  test(`axe and screenshots at ${label} (${CONSOLE_SIZES[size].width}×${CONSOLE_SIZES[size].height})`, async () => {
    const { page } = r1;
    await page.setViewportSize(CONSOLE_SIZES[size]);
    for (const lang of ['en', 'es']) {
      await page.goto(`${BASE}/console/lang/${lang}?next=${encodeURIComponent('/console/queue')}`);
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      await scan(page, `queue ${label} ${lang}`);
      if (lang === 'en') await shot(page, 'console-queue', label);
      await page.goto(`${BASE}/console/cases/${shown}`);
      await page.locator('figure.viewer img').first().waitFor();
      await scan(page, `case ${label} ${lang}`);
      if (lang === 'en') await shot(page, 'console-case', label);
      if (lang === 'es' && label === 'desktop') await shot(page, 'console-case-es', label);
    }
    await page.goto(`${BASE}/console/lang/en?next=${encodeURIComponent('/console/queue')}`);
    assert.deepEqual(page.foreign, []);
    assert.deepEqual(page.errors, []);
  });
}
