// measure.mjs — drives the widget in Chromium with the DevTools protocol
// counting bytes: N cold loads of the first page (time to interactive = the
// Start button usable, from navigation start; bytes = encoded transfer), then
// one whole flow by file upload (bytes down and up). Prints a table and JSON.
// Interactive is the widget's own `widget-interactive` performance mark, set
// when the first view is drawn and usable, measured from navigation start.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const testsDir = join(here, '../../tests/browser');
const { launch, open } = await import(join(testsDir, 'lib/browser.mjs'));
const { createVerification, BASE } = await import(join(testsDir, 'lib/env.mjs'));
const { makeImages } = await import(join(testsDir, 'lib/fixtures.mjs'));

const runs = Number(process.argv[2] || 10);
const browser = await launch();

/** Counts encoded bytes received and request bodies sent on `page`. */
async function meter(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const m = { down: 0, up: 0, requests: 0 };
  cdp.on('Network.loadingFinished', (e) => { m.down += e.encodedDataLength; });
  cdp.on('Network.requestWillBeSent', () => { m.requests += 1; });
  page.on('requestfinished', async (r) => {
    try {
      const sent = Number((await r.allHeaders())['content-length']);
      m.up += sent || (await r.sizes()).requestBodySize;
    } catch { /* page closed */ }
  });
  return m;
}

const tti = [];
const firstBytes = [];
for (let i = 0; i < runs; i++) {
  const v = await createVerification();
  const { context, page } = await open(browser, 'phone');
  const m = await meter(page);
  await page.goto(v.url);
  await page.locator('[data-page=intro] button.primary').waitFor();
  // Marked by the widget when its first view is drawn with handlers attached.
  const t = await page.evaluate(() => performance.getEntriesByName('widget-interactive')[0].startTime);
  await page.waitForTimeout(100);
  tti.push(t);
  firstBytes.push(m.down);
  await context.close();
}

// The whole flow once, by file upload.
const setup = await open(browser, 'desktop');
await setup.page.goto(`${BASE}/healthz`);
const files = await makeImages(setup.page);
await setup.context.close();
const v = await createVerification();
const { context, page } = await open(browser, 'phone');
const m = await meter(page);
const started = Date.now();
await page.goto(v.url);
await page.locator('[data-page=intro] button.primary').click();
for (const f of [files.passport, files['license-front'], files['license-back']]) {
  await page.locator('[data-page=capture]').waitFor();
  await page.setInputFiles('#choose-file', f);
  await page.locator('[data-page=review] button.primary').click();
}
await page.locator('[data-page=confirm] button.primary').click();
await page.locator('[data-page=done]').waitFor();
const flowMs = Date.now() - started;
await page.waitForTimeout(200);
await context.close();
await browser.close();

const sorted = [...tti].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
const result = {
  runs,
  first_page_interactive_ms: { median: Math.round(median), max: Math.round(sorted.at(-1)), min: Math.round(sorted[0]) },
  first_page_bytes: Math.max(...firstBytes),
  flow: { downloaded_bytes: m.down, uploaded_bytes: m.up, requests: m.requests, wall_ms: flowMs },
  targets: { first_page_bytes: 100 * 1024, interactive_ms: 500 },
};
console.log(`first page: interactive median ${result.first_page_interactive_ms.median} ms (min ${result.first_page_interactive_ms.min}, max ${result.first_page_interactive_ms.max}) over ${runs} cold loads; ${(result.first_page_bytes / 1024).toFixed(1)} KB transferred`);
console.log(`whole flow: ${(m.down / 1024).toFixed(1)} KB down, ${(m.up / 1024).toFixed(1)} KB up (3 downscaled photos), ${m.requests} requests, ${flowMs} ms`);
console.log(JSON.stringify(result));
const ok = result.first_page_bytes <= result.targets.first_page_bytes && median <= result.targets.interactive_ms;
console.log(ok ? 'targets met' : 'TARGETS MISSED');
process.exit(ok ? 0 : 1);
