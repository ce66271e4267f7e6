// step-pages.js — the pages where nothing more can be done: already
// submitted, finished, canceled, expired, an unknown link, or a page that
// could not load. Each says plainly what happened and what to do.
import { alertBox, h, mount } from './dom.js';
import { t } from './i18n.js';

const ICONS = { submitted: '✓', finished: '✓', canceled: '✕', expired: '!', unknown: '?', error: '!' };

/** kind: submitted | finished | canceled | expired | unknown */
export function terminal(kind) {
  mount(h('section', { class: `card terminal ${kind}`, 'data-page': kind },
    h('div', { class: 'icon', 'aria-hidden': 'true' }, ICONS[kind] || '!'),
    h('h1', {}, t(`${kind}_title`)),
    h('p', {}, t(`${kind}_text`)),
    kind === 'unknown' ? null : h('p', { class: 'muted' }, t('close_page')),
  ));
}

export function errorPage() {
  mount(h('section', { class: 'card terminal error', 'data-page': 'error' },
    h('div', { class: 'icon', 'aria-hidden': 'true' }, ICONS.error),
    h('h1', {}, t('error_title')),
    alertBox(t('error_text')),
    h('button', { type: 'button', class: 'primary', onclick: () => location.reload() }, t('try_again')),
  ));
}
