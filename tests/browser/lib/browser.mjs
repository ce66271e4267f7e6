// browser.mjs — Debian's Chromium driven by playwright-core (no browser of its
// own), the two screen sizes, screenshots under tests/browser/screenshots/,
// and a guard that every request stays on the widget's own origin.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE } from './env.mjs';

export const HERE = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SHOTS = join(HERE, 'screenshots');
export const SIZES = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
};
// The console's sizes (issue 14): kept apart from SIZES, which every widget
// test loops over, so that adding them does not multiply the widget's runs.
// `desktop-wide` and `wide` are the same size under the two names the
// console's test files use.
export const CONSOLE_SIZES = {
  'desktop-wide': { width: 1440, height: 900 },
  wide: { width: 1440, height: 900 },
  tablet: { width: 768, height: 1024 },
};

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

/** extra: more Chromium flags (the fake camera). */
export function launch(extra = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [...FLAGS, ...extra],
    headless: true,
  });
}

/** A page at `size` in `locale`; records requests that leave the origin.
 * `ip`: the client address to claim (`X-Forwarded-For`, honoured because
 * scripts/test-browser trusts loopback as a proxy), so that tests signing in
 * many times do not share one address's sign-in limit. */
export async function open(browser, size, { locale = 'en-US', permissions = [], ip } = {}) {
  const context = await browser.newContext({
    viewport: SIZES[size] ?? CONSOLE_SIZES[size],
    ...(ip ? { extraHTTPHeaders: { 'x-forwarded-for': ip } } : {}),
    deviceScaleFactor: 1,
    locale,
    isMobile: size === 'phone',
    hasTouch: size === 'phone',
    permissions,
  });
  const page = await context.newPage();
  const origin = new URL(BASE).origin;
  page.foreign = [];
  page.errors = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) page.foreign.push(u);
  });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  return { context, page };
}

export async function shot(page, name, size, fullPage = true) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}-${size}.png`), fullPage });
}

/** Waits for the widget to show `page` (its data-page attribute). */
export async function onPage(page, name, timeout = 15000) {
  await page.locator(`[data-page="${name}"]`).waitFor({ timeout });
}
