// step-finish.js — confirm and done. Confirm shows what was read from the
// documents for the user to correct, or a plain summary when nothing could be
// read, with a way to replace any side; submit sends the corrections. Done
// thanks the user and, when the integrator set one, goes to redirect_url.
import * as api from './api.js';
import { alertBox, announce, h, heading, mount } from './dom.js';
import { docName, fieldName, sideName, slotName, t } from './i18n.js';
import * as progress from './progress.js';
import { stepOf } from './app.js';

const REDIRECT_SECS = 5;
let countdown = 0;

function summary(doc, nav) {
  return h('li', { class: 'doc' },
    h('span', { class: 'doc-slot' }, slotName(doc.slot)),
    h('strong', { class: 'doc-name' }, docName(doc.type_name)),
    h('ul', { class: 'sides' }, doc.sides.map((side) => h('li', {},
      h('span', { class: 'ok', 'aria-hidden': 'true' }, '✓ '),
      t('side_done', { side: sideName(doc, side).replace(/^\w/, (c) => c.toUpperCase()) }),
      h('button', { type: 'button', class: 'link', onclick: () => nav.capture(doc, side) },
        t('replace', { side: sideName(doc, side) })),
    ))),
  );
}

/** The order a person reads a document in; the server's JSON object is unordered. */
const FIELD_ORDER = ['first_name', 'middle_name', 'last_name', 'date_of_birth', 'document_number',
  'expiration_date', 'street', 'city', 'state', 'postal_code'];
const rank = (k) => (FIELD_ORDER.includes(k) ? FIELD_ORDER.indexOf(k) : FIELD_ORDER.length);

/** Editable fields of one document's quick read; returns the fieldset and a reader of changes. */
function fieldsFor(doc, fields) {
  const inputs = [];
  const set = h('fieldset', { class: 'fields' }, h('legend', {}, `${slotName(doc.slot)}: ${docName(doc.type_name)}`),
    Object.entries(fields).sort(([a], [b]) => rank(a) - rank(b)).filter(([, v]) => typeof v === 'string' || typeof v === 'number').map(([k, v]) => {
      const id = `f-${doc.slot}-${k}`;
      const input = h('input', { id, name: k, value: String(v), autocomplete: 'off', maxlength: '200' });
      inputs.push([k, String(v), input]);
      return h('div', { class: 'field' }, h('label', { for: id }, fieldName(k)), input);
    }));
  const changes = () => Object.fromEntries(inputs.filter(([, was, el]) => el.value.trim() !== was).map(([k, , el]) => [k, el.value.trim()]));
  return { set, changes };
}

export async function confirm(nav) {
  progress.save({ view: 'confirm' });
  const res = await api.getPreview();
  if (!res.ok && (res.kind === 'closed' || res.kind === 'unknown')) return nav.refresh();
  const reads = new Map((res.ok ? res.data.documents : []).filter((d) => d.fields && typeof d.fields === 'object' && Object.keys(d.fields).length).map((d) => [d.slot, d.fields]));
  const forms = [];
  const body = nav.state.documents.map((doc) => {
    if (!reads.has(doc.slot)) return null;
    const f = fieldsFor(doc, reads.get(doc.slot));
    forms.push([doc.slot, f.changes]);
    return f.set;
  });
  const error = h('div', { id: 'submit-error' });
  const submitBtn = h('button', { type: 'submit', class: 'primary' }, t('submit'));
  const form = h('form', { class: 'confirm', novalidate: true },
    forms.length ? body : null,
    h('ul', { class: 'docs' }, nav.state.documents.map((d) => summary(d, nav))),
    error,
    h('div', { class: 'actions' }, submitBtn),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submitBtn.disabled = true;
    submitBtn.textContent = t('submitting');
    announce(t('submitting'));
    const corrections = {};
    for (const [slot, changes] of forms) {
      const c = changes();
      if (Object.keys(c).length) corrections[slot] = c;
    }
    const sent = await api.submit(Object.keys(corrections).length ? corrections : null);
    if (sent.ok) {
      progress.save({ submitted: true });
      return done(sent.data);
    }
    if (sent.kind === 'closed' || sent.kind === 'unknown') return nav.refresh();
    submitBtn.disabled = false;
    submitBtn.textContent = t('submit');
    const key = sent.kind === 'rate' ? 'err_rate' : sent.kind === 'network' ? 'err_network' : 'err_server';
    error.replaceChildren(alertBox(t(key, { secs: sent.retryAfter || 10 })));
  });
  mount(h('section', { class: 'card', 'data-page': 'confirm' },
    heading(t('confirm_title'), t('step_of', stepOf(nav.state))),
    h('p', { class: 'lead' }, forms.length ? t('confirm_fields') : t('confirm_summary')),
    form,
  ));
}

/** A redirect target the integrator set, if it is a web address. */
function safeRedirect(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

export function done(state) {
  clearInterval(countdown);
  const target = state && state.redirect_url ? safeRedirect(state.redirect_url) : null;
  const wait = h('p', { class: 'muted' });
  mount(h('section', { class: 'card terminal done', 'data-page': 'done' },
    h('div', { class: 'icon', 'aria-hidden': 'true' }, '✓'),
    h('h1', {}, t('done_title')),
    h('p', {}, t('done_text')),
    target ? [wait, h('a', { class: 'button primary', href: target, rel: 'noreferrer' }, t('continue'))]
      : h('p', { class: 'muted' }, t('close_page')),
  ));
  if (!target) return;
  let left = REDIRECT_SECS;
  wait.textContent = t('redirect_in', { secs: left });
  countdown = setInterval(() => {
    left -= 1;
    wait.textContent = t('redirect_in', { secs: Math.max(left, 0) });
    if (left <= 0) {
      clearInterval(countdown);
      location.assign(target);
    }
  }, 1000);
}
