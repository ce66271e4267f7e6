// camera.test.mjs — the live camera path with Chromium's fake camera playing a
// generated video of a card: the frame guide sits over the video, the still is
// cropped to it, reviewed, uploaded, and the flow goes on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, onPage, open, shot, SIZES } from './lib/browser.mjs';
import { BASE, createVerification, getVerification, jpegSize } from './lib/env.mjs';
import { makeVideo } from './lib/fixtures.mjs';

let browser;

before(async () => {
  const video = makeVideo();
  browser = await launch([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${video}`,
  ]);
});
after(() => browser?.close());

for (const size of Object.keys(SIZES)) {
  test(`camera capture with a frame guide at ${size} size`, async () => {
    // An ID card for the photo ID: the guide is the ID-1 shape.
    const v = await createVerification({
      documents: {
        photo_id: { type: 'ID Card', number: 'ID1', country: 'USA' },
        proof_of_address: { type: 'Driver License', number: 'DL789012', country: 'USA' },
      },
    });
    const { context, page } = await open(browser, size, { permissions: ['camera'] });
    await page.goto(v.url);
    await onPage(page, 'intro');
    await page.getByRole('button', { name: 'Start' }).click();
    await onPage(page, 'capture');
    await page.getByRole('button', { name: 'Use the camera' }).click();
    await onPage(page, 'camera');
    const shutter = page.getByRole('button', { name: 'Take photo' });
    await page.waitForFunction(() => !document.querySelector('.shutter')?.disabled, null, { timeout: 15000 });
    await page.waitForTimeout(300);
    const box = await page.locator('.guide').boundingBox();
    const frame = await page.locator('.viewfinder').boundingBox();
    assert.ok(box && frame && box.width < frame.width, 'the guide sits inside the view');
    assert.ok(Math.abs(box.width / box.height - 85.6 / 54) < 0.05, `ID-1 shaped guide: ${box.width}×${box.height}`);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Take photo');
    await shot(page, 'camera-01-live', size);
    await shutter.click();
    await onPage(page, 'review');
    await shot(page, 'camera-02-review', size);
    await page.getByRole('button', { name: 'Retake' }).click();
    await onPage(page, 'camera');
    await page.waitForFunction(() => !document.querySelector('.shutter')?.disabled);
    await page.getByRole('button', { name: 'Take photo' }).click();
    await onPage(page, 'review');
    await page.getByRole('button', { name: 'Use this photo' }).click();
    await onPage(page, 'capture');
    assert.match(await page.locator('h1').textContent(), /ID Card: back/);

    const doc = (await getVerification(v.id)).documents.find((d) => d.slot === 'photo_id');
    const img = Buffer.from(await (await fetch(doc.url_front)).arrayBuffer());
    const dims = jpegSize(img);
    assert.ok(dims && Math.abs(dims.width / dims.height - 85.6 / 54) < 0.1, `the still is cropped to the card: ${JSON.stringify(dims)}`);
    assert.deepEqual(page.foreign, []);
    assert.ok(BASE);
    await context.close();
  });
}
