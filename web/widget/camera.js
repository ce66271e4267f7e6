// camera.js — the live camera: the rear camera by getUserMedia, a frame guide
// the shape of the document over the video, and a still cropped to that frame.

/** Width ÷ height of the document: ID-1 cards 85.6×54 mm, a passport's
 *  photo page (TD3) 125×88 mm, other papers as a portrait letter page. */
export function aspectFor(doc) {
  if (doc.type_name === 'Passport') return 125 / 88;
  if (doc.accepts_pdf || /Certificate|Registration$/.test(doc.type_name)) return 8.5 / 11;
  return 85.6 / 54;
}

export function cameraAvailable() {
  return Boolean(navigator.mediaDevices && navigator.mediaDevices.getUserMedia) && window.isSecureContext;
}

/** Starts the rear camera into `video`; throws 'denied' or 'absent'. */
export async function start(video) {
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 1920 }, height: { ideal: 1080 } },
    });
  } catch (e) {
    const name = e && e.name;
    throw new Error(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'absent');
  }
  video.srcObject = stream;
  video.muted = true;
  video.setAttribute('playsinline', '');
  await video.play().catch(() => {});
  if (!video.videoWidth) {
    await new Promise((r) => video.addEventListener('loadedmetadata', r, { once: true }));
  }
  return stream;
}

export function stop(stream) {
  if (stream) for (const track of stream.getTracks()) track.stop();
}

/** The guide's rectangle in video pixels: centred, 88% of the room it has. */
export function guideRect(video, aspect) {
  const vw = video.videoWidth;
  const vh = video.videoHeight;
  const w = Math.min(vw * 0.88, vh * 0.88 * aspect);
  const h = w / aspect;
  return { x: (vw - w) / 2, y: (vh - h) / 2, w, h };
}

/** Places the guide element over the video (which keeps its own aspect). */
export function placeGuide(video, guide, aspect) {
  const r = guideRect(video, aspect);
  guide.style.left = `${(r.x / video.videoWidth) * 100}%`;
  guide.style.top = `${(r.y / video.videoHeight) * 100}%`;
  guide.style.width = `${(r.w / video.videoWidth) * 100}%`;
  guide.style.height = `${(r.h / video.videoHeight) * 100}%`;
}

/** The region of the frame a still keeps: the guide and a small margin. */
export function cropRect(video, aspect) {
  const r = guideRect(video, aspect);
  const mx = r.w * 0.04;
  const my = r.h * 0.04;
  const x = Math.max(0, r.x - mx);
  const y = Math.max(0, r.y - my);
  return {
    x, y,
    w: Math.min(video.videoWidth - x, r.w + 2 * mx),
    h: Math.min(video.videoHeight - y, r.h + 2 * my),
  };
}
