// image.js — images are made small before upload: decoded (honouring EXIF
// orientation), scaled so the long side is at most 2400 px, and re-encoded as
// JPEG at quality 0.9. PDFs (accepted for some proofs of address) go as they are.

export const MAX_LONG_SIDE = 2400;
export const QUALITY = 0.9;

export class PrepareError extends Error {
  constructor(kind) { super(kind); this.kind = kind; }
}

function toBlob(canvas) {
  return new Promise((resolve, reject) => {
    canvas.toBlob((b) => (b ? resolve(b) : reject(new PrepareError('unreadable'))), 'image/jpeg', QUALITY);
  });
}

async function decode(file) {
  if ('createImageBitmap' in window) {
    try { return await createImageBitmap(file, { imageOrientation: 'from-image' }); } catch { /* fall back */ }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode();
    return img;
  } catch {
    throw new PrepareError('unreadable');
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Draws `source` (or its `crop` {x,y,w,h}) scaled to the limit; returns a JPEG blob. */
export async function downscale(source, crop) {
  const sw = crop ? crop.w : source.videoWidth || source.width;
  const sh = crop ? crop.h : source.videoHeight || source.height;
  if (!sw || !sh) throw new PrepareError('unreadable');
  const scale = Math.min(1, MAX_LONG_SIDE / Math.max(sw, sh));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(sw * scale);
  canvas.height = Math.round(sh * scale);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(source, crop ? crop.x : 0, crop ? crop.y : 0, sw, sh, 0, 0, canvas.width, canvas.height);
  const blob = await toBlob(canvas);
  return { blob, width: canvas.width, height: canvas.height, name: 'photo.jpg' };
}

/**
 * A chosen file, ready to upload: {blob, width, height, name, pdf}.
 * Throws PrepareError('type' | 'too_large' | 'unreadable').
 */
export async function prepareFile(file, { pdfAllowed, maxBytes }) {
  const isPdf = file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
  if (isPdf) {
    if (!pdfAllowed) throw new PrepareError('type');
    if (file.size > maxBytes) throw new PrepareError('too_large');
    return { blob: file, name: file.name || 'document.pdf', pdf: true };
  }
  if (file.type && !file.type.startsWith('image/')) throw new PrepareError('type');
  const bitmap = await decode(file);
  try {
    return await downscale(bitmap);
  } finally {
    if (bitmap.close) bitmap.close();
  }
}
