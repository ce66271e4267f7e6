// fixtures.mjs — document images made on the spot: an ID-1 card, a passport
// photo page and a card back as PNGs drawn by Chromium's canvas, large enough
// that the widget must downscale them, and a Y4M video of a card on a desk for
// Chromium's fake camera. Nothing is downloaded.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { HERE } from './browser.mjs';

export const FIXTURES = join(HERE, 'fixtures');

const DRAW = ({ w, h, title, back }) => {
  const c = document.createElement('canvas');
  c.width = w; c.height = h;
  const g = c.getContext('2d');
  const grad = g.createLinearGradient(0, 0, w, h);
  grad.addColorStop(0, back ? '#dfe7ef' : '#e8f0fb');
  grad.addColorStop(1, back ? '#c7d3df' : '#cfe0f5');
  g.fillStyle = grad; g.fillRect(0, 0, w, h);
  g.fillStyle = '#1e3a8a'; g.fillRect(0, 0, w, h * 0.14);
  g.fillStyle = '#fff'; g.font = `bold ${h * 0.08}px sans-serif`;
  g.fillText(title, w * 0.04, h * 0.1);
  g.fillStyle = '#111';
  if (back) {
    for (let i = 0; i < 60; i++) g.fillRect(w * 0.06 + i * w * 0.0145, h * 0.3, (i % 3 + 1) * w * 0.003, h * 0.35);
    g.font = `${h * 0.05}px monospace`;
    g.fillText('DAQDL789012 DCSSIMPSON DACHOMER', w * 0.06, h * 0.8);
  } else {
    g.fillStyle = '#9aa7b8'; g.fillRect(w * 0.05, h * 0.22, w * 0.26, h * 0.6);
    g.fillStyle = '#111'; g.font = `${h * 0.055}px sans-serif`;
    const lines = ['SIMPSON', 'HOMER JAY', 'DOB 1988-05-06', 'NO. AB123456', 'EXP 2031-01-01'];
    lines.forEach((l, i) => g.fillText(l, w * 0.36, h * (0.3 + i * 0.11)));
    g.font = `${h * 0.05}px monospace`;
    g.fillText('P<USASIMPSON<<HOMER<JAY<<<<<<<<<<<<<<<<<<<', w * 0.04, h * 0.93);
  }
  return c.toDataURL('image/png').split(',')[1];
};

/** Writes the PNG fixtures once (needs a page to draw with). */
export async function makeImages(page) {
  mkdirSync(FIXTURES, { recursive: true });
  const specs = {
    'passport.png': { w: 3000, h: 2112, title: 'PASSPORT  UNITED STATES OF AMERICA' },
    'license-front.png': { w: 2568, h: 1620, title: 'DRIVER LICENSE  TENNESSEE' },
    'license-back.png': { w: 2568, h: 1620, title: 'TENNESSEE', back: true },
  };
  const out = {};
  for (const [name, spec] of Object.entries(specs)) {
    const path = join(FIXTURES, name);
    if (!existsSync(path)) {
      const b64 = await page.evaluate(`(${DRAW.toString()})(${JSON.stringify(spec)})`);
      writeFileSync(path, Buffer.from(b64, 'base64'));
    }
    out[name.replace('.png', '')] = path;
  }
  const bad = join(FIXTURES, 'not-an-image.png');
  writeFileSync(bad, 'this is plain text pretending to be a PNG');
  out.bad = bad;
  return out;
}

/** A Y4M (4:2:0) clip: a light card with dark lines on a dark desk. */
export function makeVideo() {
  mkdirSync(FIXTURES, { recursive: true });
  const path = join(FIXTURES, 'card.y4m');
  if (existsSync(path)) return path;
  const W = 640, H = 480, FRAMES = 10;
  const y = Buffer.alloc(W * H, 45);
  const cw = 470, ch = Math.round(cw / 1.585);
  const x0 = (W - cw) / 2, y0 = Math.round((H - ch) / 2);
  for (let r = 0; r < ch; r++) {
    for (let c = 0; c < cw; c++) {
      let v = 225;
      if (r < ch * 0.14) v = 70;
      else if (c > cw * 0.05 && c < cw * 0.3 && r > ch * 0.22 && r < ch * 0.82) v = 150;
      else if (c > cw * 0.36 && c < cw * 0.9 && (r - Math.round(ch * 0.26)) % Math.round(ch * 0.11) < 8 && r < ch * 0.8) v = 40;
      y[(y0 + r) * W + x0 + c] = v;
    }
  }
  const uv = Buffer.alloc((W / 2) * (H / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, uv, uv]);
  const header = Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array(FRAMES).fill(frame)]));
  return path;
}
