// console-admin.test.mjs — the console's sign-in, second factor, admin,
// audit and account pages in Chromium: throttling and lockout messages, TOTP
// sign-in with a code computed here from the secret the page shows, CSRF
// refusal, reviewer and cross-workspace refusals, and axe-core (no serious
// or critical violation) at 1440×900 and 768×1024 in English and Spanish.
// Users that get locked or change password are made through the admin page,
// so the shared users of scripts/test-browser stay usable for other tests.
// Every context claims its own client address (X-Forwarded-For), so the
// per-address sign-in limit of one test does not reach the next.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launch, open, shot } from './lib/browser.mjs';
import { BASE, createVerification, rest } from './lib/env.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PASSWORD = process.env.COLLECKT_CONSOLE_PASSWORD || '';
const ADMIN = 'admin@browser.test';
const RUN = Date.now().toString(36);
let browser;
let ipCounter = 0;

before(async () => { browser = await launch(); });
after(() => browser?.close());

/** A fresh documentation address (TEST-NET-2) for each context. */
function ip() {
  ipCounter += 1;
  return `198.51.100.${ipCounter}`;
}

async function context(size = 'wide', locale = 'en-US') {
  return open(browser, size, { locale, ip: ip() });
}

async function scan(page, label) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const detail = bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(detail, [], `${label}: ${detail.join('; ')}`);
}

async function signIn(page, email, password) {
  await page.goto(`${BASE}/console/sign-in`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForLoadState('load'), page.click('form[action="/console/sign-in"] button[type=submit]')]);
}

/** Posts the form of `selector` and waits for the next page. */
async function submit(page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

/** RFC 4648 base32 to bytes. */
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0; let value = 0; const out = [];
  for (const c of text.replace(/\s/g, '')) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) { bits -= 8; out.push((value >>> bits) & 0xff); }
  }
  return Buffer.from(out);
}

/** The TOTP code (RFC 6238, SHA-1, 30 s, 6 digits) `ahead` steps from now. */
function totp(secret, ahead = 0) {
  const counter = Math.floor(Date.now() / 1000 / 30) + ahead;
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const h = createHmac('sha1', secret).update(msg).digest();
  const o = h[19] & 0x0f;
  const bin = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(bin % 1_000_000).padStart(6, '0');
}

/** Creates a user on the admin page (as `page`, an admin); returns its password. */
async function createUser(page, email, role = 'reviewer') {
  await page.goto(`${BASE}/console/admin/users`);
  await page.fill('#new-email', email);
  await page.selectOption('#new-role', role);
  await submit(page, 'form[action="/console/admin/users"] button[type=submit]');
  return (await page.locator('#secret').textContent()).trim();
}

async function adminPage() {
  const { context: ctx, page } = await context();
  await signIn(page, ADMIN, PASSWORD);
  assert.match(page.url(), /\/console\/queue$/);
  return { ctx, page };
}

for (const size of ['wide', 'tablet']) {
  for (const locale of ['en-US', 'es-ES']) {
    const lang = locale.slice(0, 2);
    test(`console pages at ${size} in ${lang}: axe and screenshots`, async () => {
      const { context: ctx, page } = await context(size, locale);
      await page.goto(`${BASE}/console/sign-in`);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      await scan(page, 'sign-in');
      await shot(page, `console-signin-${lang}`, size);
      await page.fill('#email', ADMIN);
      await page.fill('#password', 'certainly wrong');
      await submit(page, 'form[action="/console/sign-in"] button[type=submit]');
      await page.locator('[role=alert]').waitFor();
      await scan(page, 'sign-in with error');
      await signIn(page, ADMIN, PASSWORD);
      for (const [path, name] of [
        ['/console/admin/users', 'admin-users'], ['/console/admin/tokens', 'admin-tokens'],
        ['/console/admin/webhooks', 'admin-webhooks'], ['/console/admin/security', 'admin-security'],
        ['/console/audit', 'audit'], ['/console/account', 'account'],
      ]) {
        const res = await page.goto(`${BASE}${path}`);
        assert.equal(res.status(), 200, path);
        await scan(page, `${name} ${size} ${lang}`);
        if (['admin-users', 'audit', 'account'].includes(name)) await shot(page, `console-${name}-${lang}`, size);
      }
      assert.deepEqual(page.foreign, [], 'no request leaves the origin');
      // The wrong password's 401 is expected, and so is /console/queue's 404
      // on a branch without the queue: only script errors count here.
      assert.deepEqual(page.errors.filter((e) => !e.startsWith('Failed to load resource')), []);
      await ctx.close();
    });
  }
}

test('wrong passwords: the message, then the lock even for the right password', async () => {
  const { ctx: adminCtx, page: admin } = await adminPage();
  const email = `locked-${RUN}@browser.test`;
  const password = await createUser(admin, email);
  const { context: ctx, page } = await context();
  for (let i = 1; i <= 5; i += 1) {
    await signIn(page, email, 'wrong password');
    const text = await page.locator('[role=alert]').textContent();
    assert.match(text, i < 5 ? /Wrong email or password/ : /locked for 15 minutes/, `attempt ${i}`);
  }
  await signIn(page, email, password);
  assert.match(await page.locator('[role=alert]').textContent(), /locked/);
  assert.match(page.url(), /\/console\/sign-in$/);
  await shot(page, 'console-signin-locked', 'wide');
  // The admin sees the failures in the audit log, and the lock on the users page.
  await admin.goto(`${BASE}/console/audit`);
  const rows = admin.locator('table.audit tbody tr', { hasText: email });
  assert.ok((await rows.filter({ hasText: 'sign_in_failed' }).count()) >= 5);
  assert.equal(await rows.filter({ hasText: 'sign_in_locked' }).count(), 1);
  await admin.goto(`${BASE}/console/admin/users`);
  assert.match(await admin.locator(`tr[data-user="${email}"]`).textContent(), /Locked/);
  await ctx.close();
  await adminCtx.close();
});

test('too many attempts from one address are throttled', async () => {
  const { context: ctx, page } = await context();
  let text = '';
  for (let i = 0; i < 11; i += 1) {
    await signIn(page, `nobody-${i}-${RUN}@browser.test`, 'x');
    text = await page.locator('[role=alert]').textContent();
  }
  assert.match(text, /Too many attempts from your address/);
  await ctx.close();
});

test('TOTP: set up on the account page, then sign in with a code; a replayed code is refused', async () => {
  const { ctx: adminCtx, page: admin } = await adminPage();
  const email = `totp-${RUN}@browser.test`;
  const password = await createUser(admin, email);
  await adminCtx.close();

  const { context: ctx, page } = await context();
  await signIn(page, email, password);
  await page.goto(`${BASE}/console/account`);
  await submit(page, 'form[action="/console/account/totp/start"] button');
  assert.match(page.url(), /\/console\/account\/totp$/);
  assert.ok(await page.locator('img.qr').isVisible());
  await scan(page, 'account totp setup');
  const secret = base32(await page.locator('#totp-secret').textContent());
  assert.equal(secret.length, 20);
  await page.fill('#code', totp(secret));
  await submit(page, 'form[action="/console/account/totp"] button');
  assert.match(await page.locator('.notice').textContent(), /Two-step verification is on/);
  await submit(page, 'form[action="/console/sign-out"] button');

  await signIn(page, email, password);
  assert.match(page.url(), /\/console\/second-factor$/);
  await scan(page, 'second factor');
  const code = totp(secret, 1);
  await page.fill('#code', code);
  await submit(page, 'form[action="/console/second-factor"] button');
  assert.match(page.url(), /\/console\/queue$/);
  await page.goto(`${BASE}/console/account`);
  assert.equal(await page.locator('tr[data-session]').count(), 1);
  await submit(page, 'form[action="/console/sign-out"] button');

  await signIn(page, email, password);
  await page.fill('#code', code);
  await submit(page, 'form[action="/console/second-factor"] button');
  assert.match(await page.locator('[role=alert]').textContent(), /not valid/);
  assert.match(page.url(), /\/console\/second-factor$/);
  await ctx.close();

  // The second-factor page at both sizes, in both languages.
  for (const size of ['wide', 'tablet']) {
    for (const locale of ['en-US', 'es-ES']) {
      const { context: c, page: p } = await context(size, locale);
      await signIn(p, email, password);
      assert.match(p.url(), /\/console\/second-factor$/);
      await scan(p, `second factor ${size} ${locale}`);
      if (locale === 'en-US') await shot(p, 'console-second-factor', size);
      await c.close();
    }
  }
});

test('a form posted with a wrong token gets the 403 page', async () => {
  const { ctx, page } = await adminPage();
  await page.goto(`${BASE}/console/admin/tokens`);
  await page.fill('#token-name', `forged-${RUN}`);
  await page.evaluate(() => {
    document.querySelector('form[action="/console/admin/tokens"] input[name=csrf]').value = 'forged';
  });
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/console/admin/tokens') && r.request().method() === 'POST'),
    page.click('form[action="/console/admin/tokens"] button[type=submit]'),
  ]);
  assert.equal(res.status(), 403);
  await page.waitForLoadState('load');
  assert.match(await page.locator('main').textContent(), /did not come from this console/);
  await page.goto(`${BASE}/console/admin/tokens`);
  assert.equal(await page.locator('tr', { hasText: `forged-${RUN}` }).count(), 0);
  await ctx.close();
});

test('admin pages: users, tokens shown once, audit log and its CSV', async () => {
  const { ctx, page } = await adminPage();
  const email = `staff-${RUN}@browser.test`;
  const password = await createUser(page, email);
  assert.ok(password.length >= 20);
  await page.goto(`${BASE}/console/admin/users`);
  const row = page.locator(`tr[data-user="${email}"]`);
  await submit(page, `tr[data-user="${email}"] form[action$="/disable"] button`);
  assert.match(await page.locator('.notice').textContent(), /disabled/);
  assert.match(await row.textContent(), /Disabled/);
  await submit(page, `tr[data-user="${email}"] form[action$="/enable"] button`);
  assert.match(await row.textContent(), /Active/);
  await page.selectOption(`tr[data-user="${email}"] select`, 'admin');
  await submit(page, `tr[data-user="${email}"] form[action$="/role"] button`);
  assert.equal(await page.locator(`tr[data-user="${email}"] select`).inputValue(), 'admin');

  await page.goto(`${BASE}/console/admin/tokens`);
  await page.fill('#token-name', `browser-${RUN}`);
  await submit(page, 'form[action="/console/admin/tokens"] button[type=submit]');
  const token = (await page.locator('#secret').textContent()).trim();
  assert.match(token, /^clk_/);
  const api = await fetch(`${BASE}/api/v1/webhooks`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(api.status, 200);
  await page.goto(`${BASE}/console/admin/tokens`);
  assert.ok(!(await page.content()).includes(token), 'shown once');
  await submit(page, `tr:has-text("browser-${RUN}") form[action$="/revoke"] button`);
  assert.match(await page.locator(`tr:has-text("browser-${RUN}")`).textContent(), /Revoked/);
  const revoked = await fetch(`${BASE}/api/v1/webhooks`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(revoked.status, 401);

  await shot(page, 'console-admin-tokens', 'wide');

  // A webhook endpoint (made through the API, where its secret is handed
  // over) with a delivery: the list and the delivery log.
  const hook = await rest('POST', '/api/v1/webhooks', { url: 'https://93.184.216.34/hooks', description: `browser ${RUN}` });
  assert.equal(hook.status, 201);
  const v = await createVerification();
  await rest('PUT', `/api/v1/usps1583/verifications/${v.id}/cancel`, { comment: 'browser', email: 'tests@example.com' });
  await page.goto(`${BASE}/console/admin/webhooks`);
  await scan(page, 'webhooks list');
  await submit(page, `a[href="/console/admin/webhooks/${hook.body.data.id}"]`);
  assert.match(await page.locator('dl.facts').textContent(), /93\.184\.216\.34/);
  await scan(page, 'webhook log');
  for (const size of ['wide', 'tablet']) {
    await page.setViewportSize(size === 'wide' ? { width: 1440, height: 900 } : { width: 768, height: 1024 });
    await shot(page, 'console-admin-webhook', size);
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  await page.goto(`${BASE}/console/audit`);
  const audit = await page.locator('table.audit').textContent();
  for (const action of ['user_created', 'user_disabled', 'user_enabled', 'user_role_changed', 'token_created', 'token_revoked']) {
    assert.ok(audit.includes(action), action);
  }
  const csv = await ctx.request.get(`${BASE}/console/audit.csv`);
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-disposition'], /^attachment; filename="audit-.*\.csv"$/);
  assert.match(await csv.text(), /^time,actor,action,target,detail,ip\r\n/);
  await ctx.close();
});

test('reviewers are refused admin pages; another workspace is not found', async () => {
  const { context: ctx, page } = await context();
  await signIn(page, 'reviewer1@browser.test', PASSWORD);
  assert.equal(await page.locator('nav a[href="/console/admin/users"]').count(), 0);
  for (const path of ['/console/admin/users', '/console/audit', '/console/audit.csv']) {
    const res = await page.goto(`${BASE}${path}`).catch(() => null);
    const status = res ? res.status() : (await ctx.request.get(`${BASE}${path}`)).status();
    assert.equal(status, 403, path);
  }
  await ctx.close();

  const other = process.env.COLLECKT_OTHER_TOKEN;
  const created = await fetch(`${BASE}/api/v1/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${other}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: 'https://93.184.216.34/hook' }),
  });
  assert.equal(created.status, 201);
  const { data } = await created.json();
  const { ctx: adminCtx, page: admin } = await adminPage();
  const res = await admin.goto(`${BASE}/console/admin/webhooks/${data.id}`);
  assert.equal(res.status(), 404);
  await adminCtx.close();
});

test('account: change the password, the other session ends', async () => {
  const { ctx: adminCtx, page: admin } = await adminPage();
  const email = `account-${RUN}@browser.test`;
  const password = await createUser(admin, email);
  await adminCtx.close();
  const first = await context();
  await signIn(first.page, email, password);
  const second = await context();
  await signIn(second.page, email, password);
  await second.page.goto(`${BASE}/console/account`);
  assert.equal(await second.page.locator('tr[data-session]').count(), 2);
  await second.page.fill('#current', password);
  await second.page.fill('#new', 'a brand new password');
  await second.page.fill('#confirm', 'a brand new password');
  await submit(second.page, 'form[action="/console/account/password"] button');
  assert.match(await second.page.locator('.notice').textContent(), /password was changed/);
  assert.equal(await second.page.locator('tr[data-session]').count(), 1);
  await first.page.goto(`${BASE}/console/account`);
  assert.match(first.page.url(), /\/console\/sign-in/);
  await first.context.close();
  await second.context.close();
});
