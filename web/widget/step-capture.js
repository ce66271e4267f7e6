// step-capture.js — one side of one document: by live camera with a frame
// guide the shape of the document, or by a file (on phones the file picker
// can open the camera app). Camera denied or absent → the file options stay.
import { aspectFor, cameraAvailable, cropRect, placeGuide, start, stop } from './camera.js';
import { alertBox, announce, h, heading, isPhone, mount } from './dom.js';
import { docName, sideName, t } from './i18n.js';
import { downscale, prepareFile } from './image.js';
import { stepOf } from './app.js';
import { review } from './step-review.js';

let stream = null;

function hintFor(doc) {
  if (doc.type_name === 'Passport') return t('hint_passport');
  return aspectFor(doc) < 1 ? t('hint_page') : t('hint_card');
}

function titleFor(doc, side) {
  return t('capture_title', { doc: docName(doc.type_name), side: sideName(doc, side) });
}

/** A labelled file input; `capture` opens the camera app on phones. */
function fileButton(id, label, accept, capture, onFile, primary) {
  const input = h('input', {
    type: 'file', id, class: 'visually-hidden', accept,
    capture: capture ? 'environment' : false,
    'aria-describedby': 'file-help',
  });
  input.addEventListener('change', () => {
    const f = input.files && input.files[0];
    input.value = '';
    if (f) onFile(f);
  });
  return [input, h('label', { for: id, class: `button ${primary ? 'primary' : 'secondary'}` }, label)];
}

/** The choice of camera or file, with `notice` (e.g. camera denied) on top. */
export function capture(doc, side, nav, notice) {
  stop(stream);
  stream = null;
  const pdf = doc.accepts_pdf && side === 'front';
  const accept = pdf ? 'image/*,application/pdf' : 'image/*';
  const step = stepOf(nav.state, doc, side);
  const onFile = (file) => fromFile(file, doc, side, nav, pdf);
  const camOk = cameraAvailable() && notice !== 'camera_denied' && notice !== 'camera_absent';
  const phone = isPhone();
  const options = [];
  if (camOk) {
    options.push(h('button', { type: 'button', class: 'primary', onclick: () => live(doc, side, nav) }, t('use_camera')));
  } else if (phone) {
    options.push(...fileButton('take-file', t('take_photo'), 'image/*', true, onFile, true));
  }
  options.push(...fileButton('choose-file', pdf ? t('choose_file_pdf') : t('choose_file'), accept, false, onFile, !camOk && !phone));
  mount(h('section', { class: 'card', 'data-page': 'capture', 'data-slot': doc.slot, 'data-side': side },
    heading(titleFor(doc, side), t('step_of', step)),
    notice ? alertBox(t(notice), notice.startsWith('err') ? 'error' : 'info') : null,
    h('p', {}, hintFor(doc)),
    h('div', { class: `doc-shape ${aspectFor(doc) < 1 ? 'page' : 'card-shape'}`, 'aria-hidden': 'true' },
      h('span', {}, sideName(doc, side))),
    h('h2', { class: 'small' }, t('how_title')),
    h('div', { class: 'actions stack' }, options),
    h('p', { id: 'file-help', class: 'muted' }, pdf ? t('file_help_pdf') : t('file_help')),
  ));
}

async function fromFile(file, doc, side, nav, pdf) {
  announce(t('preparing'));
  try {
    const prepared = await prepareFile(file, { pdfAllowed: pdf, maxBytes: nav.state.max_file_bytes });
    review(doc, side, nav, prepared, () => capture(doc, side, nav));
  } catch (e) {
    const kind = e && e.kind ? e.kind : 'unreadable';
    const key = kind === 'type' ? (pdf ? 'err_type_pdf' : 'err_type') : kind === 'too_large' ? 'err_too_large' : 'err_unreadable';
    capture(doc, side, nav, key);
  }
}

/** The live camera view with the guide and the shutter. */
async function live(doc, side, nav) {
  const aspect = aspectFor(doc);
  const video = h('video', { class: 'video', playsinline: true, muted: true, 'aria-hidden': 'true' });
  const guide = h('div', { class: 'guide', 'aria-hidden': 'true' });
  const status = h('p', { class: 'muted', role: 'status' }, t('camera_starting'));
  const shutter = h('button', { type: 'button', class: 'primary shutter', disabled: true }, t('shutter'));
  const cancel = h('button', { type: 'button', class: 'secondary' }, t('cancel'));
  mount(h('section', { class: 'card camera', 'data-page': 'camera' },
    heading(titleFor(doc, side), t('step_of', stepOf(nav.state, doc, side))),
    h('p', {}, hintFor(doc)),
    h('div', { class: 'viewfinder', role: 'img', 'aria-label': t('camera_label') }, video, guide),
    status,
    h('div', { class: 'actions' }, shutter, cancel),
  ));
  cancel.onclick = () => capture(doc, side, nav);
  try {
    stream = await start(video);
  } catch (e) {
    return capture(doc, side, nav, e.message === 'denied' ? 'camera_denied' : 'camera_absent');
  }
  placeGuide(video, guide, aspect);
  status.textContent = t('camera_ready');
  shutter.disabled = false;
  shutter.focus();
  shutter.onclick = async () => {
    shutter.disabled = true;
    try {
      const still = await downscale(video, cropRect(video, aspect));
      stop(stream);
      stream = null;
      review(doc, side, nav, still, () => live(doc, side, nav));
    } catch {
      capture(doc, side, nav, 'err_unreadable');
    }
  };
}

addEventListener('pagehide', () => stop(stream));
