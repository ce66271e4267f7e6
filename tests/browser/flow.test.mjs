// flow.test.mjs — the whole widget flow by file upload at phone (390×844) and
// desktop (1280×800) sizes: instructions → capture → review → upload →
// (refresh resumes) → confirm → submit → done → redirect_url. Screenshots of
// every step; the result checked through the REST API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { HERE, launch, onPage, open, shot, SIZES } from './lib/browser.mjs';
import { BASE, createVerification, getVerification, jpegSize, TOKEN } from './lib/env.mjs';
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

/** Picks `file` for the side on screen and uses it. */
async function uploadSide(page, file, name, size) {
  await onPage(page, 'capture');
  await shot(page, `${name}-capture`, size);
  await page.setInputFiles('#choose-file', file);
  await onPage(page, 'review');
  if (!String(file).endsWith('.pdf')) await page.locator('img.shot').evaluate((img) => img.decode());
  await shot(page, `${name}-review`, size);
  await page.getByRole('button', { name: 'Use this photo' }).click();
}

for (const size of Object.keys(SIZES)) {
  test(`full flow with file upload at ${size} size`, async () => {
    const v = await createVerification({ redirect_url: `${BASE}/healthz?from=widget` });
    const { context, page } = await open(browser, size);
    const uploads = [];
    page.on('request', (r) => { if (r.url().endsWith('/api/documents')) uploads.push(r); });

    const res = await page.goto(v.url);
    assert.equal(res.status(), 200);
    assert.match(res.headers()['content-security-policy'], /default-src 'self'/);
    await onPage(page, 'intro');
    assert.equal(await page.locator('h1').textContent(), 'Verify your identity');
    const intro = await page.locator('[data-page=intro]').textContent();
    assert.match(intro, /Passport/);
    assert.match(intro, /Driver License/);
    assert.match(intro, /Front and back/);
    await shot(page, '01-intro', size);
    await page.getByRole('button', { name: 'Start' }).click();

    // Photo ID: a passport, front only.
    await onPage(page, 'capture');
    assert.match(await page.locator('h1').textContent(), /Passport: photo page/);
    assert.match(await page.locator('.step').textContent(), /Step 1 of 4/);
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1', 'focus moves to the heading');
    await uploadSide(page, files.passport, '02-passport', size);
    await onPage(page, 'capture');
    assert.match(await page.locator('h1').textContent(), /Driver License: front/);

    // A refresh resumes at the next missing side, not the instructions.
    await page.reload();
    await onPage(page, 'capture');
    assert.match(await page.locator('h1').textContent(), /Driver License: front/);
    await uploadSide(page, files['license-front'], '03-license-front', size);
    await onPage(page, 'capture');
    assert.match(await page.locator('h1').textContent(), /Driver License: back/);
    await uploadSide(page, files['license-back'], '04-license-back', size);

    await onPage(page, 'confirm');
    const summary = await page.locator('[data-page=confirm]').textContent();
    // The drawn licence front says "DOB 1988-05-06"; the quick read finds it.
    assert.match(summary, /This is what we read/);
    assert.equal(await page.getByLabel('Date of birth').inputValue(), '1988-05-06');
    assert.match(summary, /Back: uploaded/);
    await shot(page, '05-confirm', size);
    await page.reload();
    await onPage(page, 'confirm');

    await page.getByRole('button', { name: 'Submit documents' }).click();
    await onPage(page, 'done');
    assert.match(await page.locator('h1').textContent(), /Thank you/);
    await shot(page, '06-done', size);
    await page.waitForURL(`${BASE}/healthz?from=widget`, { timeout: 10000 });

    const after = await getVerification(v.id);
    assert.equal(after.status_label, 'Submitted');
    assert.equal(after.documents.length, 2);
    assert.equal(after.history.find((h) => h.to_status === 'Submitted').user, 'end-user');
    // Downscaled on the client: a 3000×2112 PNG arrives as a JPEG of 2400 px.
    const passport = after.documents.find((d) => d.slot === 'photo_id');
    const front = Buffer.from(await (await fetch(passport.url_front)).arrayBuffer());
    assert.deepEqual(jpegSize(front), { width: 2400, height: 1690 });
    assert.equal(uploads.length, 3);
    assert.deepEqual(page.foreign, [], 'no request leaves the origin');
    assert.deepEqual(page.errors, []);
    assert.ok(TOKEN);
    await context.close();
  });
}

test('keyboard only: the flow can be driven without a mouse', async () => {
  const v = await createVerification();
  const { context, page } = await open(browser, 'desktop');
  await page.goto(v.url);
  await onPage(page, 'intro');
  await page.keyboard.press('Tab');
  // The first stop after the heading is the skip link, then the language switch, then Start.
  let guard = 0;
  while (!(await page.evaluate(() => document.activeElement?.textContent === 'Start')) && guard++ < 10) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await onPage(page, 'capture');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent);
  assert.ok(['choose-file', 'Use the camera'].includes(focused), `focus reached a capture option: ${focused}`);
  await context.close();
});

test('confirm shows what was read from the documents, and corrections reach the history', async () => {
  const corpus = join(HERE, '..', '..', 'crates', 'extract', 'tests', 'corpus');
  const v = await createVerification({
    person: { first_name: 'Anna', last_name: 'Smith', date_of_birth: '1959-11-08' },
    documents: {
      photo_id: { type: 'Passport', number: 'J98667606', country: 'CAN' },
      proof_of_address: { type: 'Lease', number: '', country: 'USA' },
    },
  });
  const { context, page } = await open(browser, 'phone');
  await page.goto(v.url);
  await onPage(page, 'intro');
  await page.getByRole('button', { name: 'Start' }).click();
  await uploadSide(page, join(corpus, 'passport-000-clean.png'), '07-read-passport', 'phone');
  await uploadSide(page, join(corpus, 'address-000-text.pdf'), '07-read-lease', 'phone');

  await onPage(page, 'confirm', 60000);
  const lead = await page.locator('[data-page=confirm] .lead').textContent();
  assert.match(lead, /This is what we read/);
  assert.equal(await page.getByLabel('Last name').first().inputValue(), 'SMITH');
  assert.equal(await page.getByLabel('Date of birth').first().inputValue(), '1959-11-08');
  assert.equal(await page.getByLabel('Document number').inputValue(), 'J98667606');
  assert.equal(await page.getByLabel('ZIP code').inputValue(), '37572');
  await shot(page, '07-confirm-read', 'phone');
  await page.getByLabel('Last name').first().fill('Smyth');
  await page.getByRole('button', { name: 'Submit documents' }).click();
  await onPage(page, 'done');

  const after = await getVerification(v.id);
  assert.equal(after.status_label === 'Started', false);
  const submitted = after.history.find((h) => h.from_status === 'Started' && h.to_status === 'Submitted');
  assert.match(submitted.comment, /photo_id\.last_name: Smyth/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("confirm shows a licence's name and address once its barcode is read", async () => {
  const corpus = join(HERE, '..', '..', 'crates', 'extract', 'tests', 'corpus');
  const v = await createVerification({
    person: { first_name: 'Peter', last_name: 'Nguyen', date_of_birth: '1995-01-16' },
    documents: {
      photo_id: { type: 'Driver License', number: 'S45329185', country: 'USA' },
      proof_of_address: { type: 'Lease', number: '', country: 'USA' },
    },
  });
  const { context, page } = await open(browser, 'phone');
  await page.goto(v.url);
  await onPage(page, 'intro');
  await page.getByRole('button', { name: 'Start' }).click();
  // The photos pass through the widget's own re-encoding (JPEG, ≤ 2400 px)
  // before the reader sees them, as a user's would.
  await uploadSide(page, join(corpus, 'licence-front-photo-front.jpg'), '08-read-licence-front', 'phone');
  await uploadSide(page, join(corpus, 'licence-front-photo-back.jpg'), '08-read-licence-back', 'phone');
  await uploadSide(page, join(corpus, 'address-000-text.pdf'), '08-read-lease', 'phone');

  await onPage(page, 'confirm', 60000);
  const licence = page.locator('fieldset', { hasText: 'Driver License' });
  const value = (label) => licence.getByLabel(label, { exact: true }).inputValue();
  assert.equal(await value('First name'), 'PETER');
  assert.equal(await value('Last name'), 'NGUYEN');
  assert.equal(await value('Document number'), 'S45329185');
  assert.equal(await value('Street'), '12 ELM RD');
  assert.equal(await value('City'), 'PORTLAND');
  assert.equal(await value('State'), 'GA');
  assert.equal(await value('ZIP code'), '68573-2641');
  await shot(page, '08-confirm-licence', 'phone');
  assert.deepEqual(page.errors, []);
  await context.close();
});
