// a11y.test.mjs — axe-core on every kind of page the widget shows, at both
// sizes: no serious or critical violation. axe runs by the DevTools protocol,
// so the page's strict CSP stays on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launch, onPage, open, SIZES } from './lib/browser.mjs';
import { BASE, createVerification, rest } from './lib/env.mjs';
import { makeImages } from './lib/fixtures.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
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

async function scan(page, label) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const detail = bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(detail, [], `${label}: ${detail.join('; ')}`);
  return result.violations.length;
}

for (const size of Object.keys(SIZES)) {
  for (const locale of ['en-US', 'es-ES']) {
    test(`axe: every step at ${size} size in ${locale}`, async () => {
      const v = await createVerification();
      const { context, page } = await open(browser, size, { locale });
      await page.goto(v.url);
      await onPage(page, 'intro');
      await scan(page, 'intro');
      await page.locator('[data-page=intro] button.primary').click();
      await onPage(page, 'capture');
      await scan(page, 'capture');
      await page.setInputFiles('#choose-file', files.bad);
      await page.locator('[role=alert]').waitFor();
      await scan(page, 'capture with error');
      await page.setInputFiles('#choose-file', files.passport);
      await onPage(page, 'review');
      await scan(page, 'review');
      await page.locator('[data-page=review] button.primary').click();
      await onPage(page, 'capture');
      for (const f of ['license-front', 'license-back']) {
        await page.setInputFiles('#choose-file', files[f]);
        await onPage(page, 'review');
        await page.locator('[data-page=review] button.primary').click();
      }
      await onPage(page, 'confirm');
      await scan(page, 'confirm');
      await page.locator('[data-page=confirm] button.primary').click();
      await onPage(page, 'done');
      await scan(page, 'done');
      await context.close();
    });
  }
}

test('axe: the terminal pages', async () => {
  const v = await createVerification();
  const actor = { comment: 'axe', email: 'tests@example.com' };
  await rest('PUT', `/api/v1/usps1583/verifications/${v.id}/cancel`, actor);
  for (const [url, name] of [[v.url, 'canceled'], [`${BASE}/spa/v3/${'y'.repeat(43)}/process`, 'unknown']]) {
    const { context, page } = await open(browser, 'phone');
    await page.goto(url);
    await onPage(page, name);
    await scan(page, name);
    await context.close();
  }
});
