// step-intro.js — the instructions: which documents are needed, which sides,
// and how to take a good photo. "Start" goes to the first missing side.
import { h, heading, mount } from './dom.js';
import { docName, sideName, slotName, t } from './i18n.js';
import * as progress from './progress.js';

function docItem(doc) {
  const sides = doc.sides.map((s) => sideName(doc, s)).join(' + ');
  return h('li', { class: 'doc' },
    h('span', { class: 'doc-slot' }, slotName(doc.slot)),
    h('strong', { class: 'doc-name' }, docName(doc.type_name)),
    h('span', { class: 'doc-meta' },
      `${doc.sides.length > 1 ? t('sides_both') : t('sides_front')} (${sides})`),
    doc.country_name ? h('span', { class: 'doc-meta' }, t('issued_in', { country: doc.country_name })) : null,
    doc.accepts_pdf ? h('span', { class: 'doc-meta' }, t('pdf_ok')) : null,
  );
}

export function intro(state, nav) {
  mount(h('section', { class: 'card', 'data-page': 'intro' },
    heading(t('intro_title')),
    h('p', { class: 'lead' }, t('intro_lead')),
    h('ul', { class: 'docs' }, state.documents.map(docItem)),
    h('h2', {}, t('tips_title')),
    h('ul', { class: 'tips' },
      h('li', {}, t('tip_light')), h('li', {}, t('tip_flat')), h('li', {}, t('tip_corners'))),
    h('div', { class: 'actions' },
      h('button', {
        type: 'button',
        class: 'primary',
        onclick: () => { progress.save({ intro: true }); nav.route(); },
      }, t('start'))),
  ));
}
