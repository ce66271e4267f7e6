// step-review.js — the user looks at the photo (retake or use it), then it is
// uploaded with a progress bar. A refused upload is explained in plain words
// with a way to try again or to choose another photo.
import * as api from './api.js';
import { alertBox, announce, h, heading, mount } from './dom.js';
import { docName, sideName, t } from './i18n.js';

let lastUrl = null;

function preview(prepared, doc, side) {
  if (prepared.pdf) return h('p', { class: 'pdf' }, t('pdf_selected', { name: prepared.name }));
  if (lastUrl) URL.revokeObjectURL(lastUrl);
  lastUrl = URL.createObjectURL(prepared.blob);
  return h('img', {
    class: 'shot', src: lastUrl,
    alt: t('review_alt', { side: sideName(doc, side), doc: docName(doc.type_name) }),
  });
}

/** Shows the photo; `retake` goes back to the camera or the file choice. */
export function review(doc, side, nav, prepared, retake, error) {
  const title = `${docName(doc.type_name)}: ${sideName(doc, side)}`;
  const useIt = h('button', { type: 'button', class: 'primary', onclick: () => upload(doc, side, nav, prepared, retake) }, error ? t('try_again') : t('use_photo'));
  const again = h('button', { type: 'button', class: 'secondary', onclick: retake }, error ? t('choose_another') : t('retake'));
  const retryable = !error || ['err_network', 'err_server', 'err_rate'].includes(error.key);
  mount(h('section', { class: 'card', 'data-page': 'review' },
    heading(error ? title : t('review_title')),
    error ? alertBox(t(error.key, error.vars)) : h('p', {}, t('review_text')),
    h('figure', { class: 'shot-frame' }, preview(prepared, doc, side)),
    h('div', { class: 'actions' }, retryable ? useIt : null, again),
  ));
}

const ERRORS = {
  too_large: 'err_too_large', type: 'err_type', invalid: 'err_invalid',
  network: 'err_network', rate: 'err_rate', server: 'err_server',
};

async function upload(doc, side, nav, prepared, retake) {
  const bar = h('progress', { max: '100', value: '0', 'aria-label': t('upload_label'), id: 'upload-bar' });
  const pct = h('p', { class: 'muted', 'aria-hidden': 'true' }, t('upload_pct', { pct: 0 }));
  mount(h('section', { class: 'card', 'data-page': 'upload', 'aria-busy': 'true' },
    heading(t('uploading')),
    h('figure', { class: 'shot-frame small' }, preview(prepared, doc, side)),
    bar, pct,
  ));
  announce(t('uploading'));
  const res = await api.uploadSide(doc.slot, side, prepared.blob, prepared.name, (f) => {
    const p = Math.min(100, Math.round(f * 100));
    bar.value = p;
    pct.textContent = t('upload_pct', { pct: p });
  });
  if (res.ok) {
    announce(t('uploaded_side', { side: sideName(doc, side) }));
    return nav.update(res.data);
  }
  if (res.kind === 'closed' || res.kind === 'unknown') return nav.refresh();
  let key = ERRORS[res.kind] || 'err_server';
  if (res.kind === 'type' && doc.accepts_pdf && side === 'front') key = 'err_type_pdf';
  if (res.kind === 'invalid' && /read|corrupt|truncated|PDF/i.test(res.data?.message || '')) key = 'err_unreadable';
  review(doc, side, nav, prepared, retake, { key, vars: { secs: res.retryAfter || 10 } });
}
